namespace AtTicket.Domain.Bookings;

public enum ConfirmOutcome
{
    /// <summary>Paid, seats sold, tickets issued.</summary>
    Confirmed,

    /// <summary>The card was refused; nothing was charged and the hold is kept for another try (with a new idempotency key).</summary>
    PaymentDeclined,

    /// <summary>The hold is no longer live. Nothing was charged, or the payment was refunded (the sentence says which).</summary>
    HoldExpired,

    /// <summary>No such hold of this member.</summary>
    HoldNotFound,
}

/// <summary>What a checkout came to; a payment gateway's refusal keeps the gateway's sentence, coded by its outcome.</summary>
public sealed record ConfirmResult(ConfirmOutcome Outcome, Booking? Booking, Refusal Said)
    : BookingResult<ConfirmOutcome>(Outcome, Booking, Said);
