namespace AtTicket.Domain.Bookings;

public enum ConfirmOutcome
{
    /// <summary>Paid, seats sold, tickets issued.</summary>
    Confirmed,

    /// <summary>The card was refused; nothing was charged and the hold is kept for another try (with a new idempotency key).</summary>
    PaymentDeclined,

    /// <summary>The hold is no longer live. Nothing was charged, or the payment was refunded (the message says which).</summary>
    HoldExpired,

    /// <summary>No such hold of this member.</summary>
    HoldNotFound,
}

/// <summary>
/// What a checkout came to, with the booking it made (if it got that far) and a sentence for the member. When the
/// sentence is the Domain's own, <see cref="Refusal"/> is the same as a code (ADR 0005); a payment gateway's answer
/// and a confirmation have none.
/// </summary>
public sealed record ConfirmResult(ConfirmOutcome Outcome, Booking? Booking, string Message, Refusal? Refusal = null)
{
    public ConfirmResult(ConfirmOutcome outcome, Booking? booking, Refusal refusal)
        : this(outcome, booking, refusal.Message, refusal)
    {
    }
}
