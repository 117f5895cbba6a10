namespace AtTicket.Domain.Bookings.Payments;

/// <summary>
/// What the processor answered. <paramref name="Reference"/> names the attempt at the processor (set
/// whenever the card reached it, so always when approved); <paramref name="Message"/> is the processor's
/// sentence for the member.
/// </summary>
public sealed record PaymentResult(PaymentOutcome Outcome, string? Reference, string Message)
{
    public bool IsApproved => Outcome == PaymentOutcome.Approved;

    /// <summary>Why nothing was charged, coded by the outcome with the processor's own sentence; null when approved.</summary>
    public Refusal? Refusal => Outcome switch
    {
        PaymentOutcome.Approved => null,
        PaymentOutcome.InsufficientFunds => new Refusal(RefusalCode.CardDeclinedForFunds, Message),
        PaymentOutcome.GatewayError => new Refusal(RefusalCode.PaymentServiceDown, Message),
        PaymentOutcome.KeyReused => new Refusal(RefusalCode.PaymentKeyReused, Message),
        _ => new Refusal(RefusalCode.CardDeclined, Message),
    };
}
