namespace AtTicket.Domain.Bookings.Payments;

/// <summary>
/// What the processor answered. <paramref name="Reference"/> names the attempt at the processor (set
/// whenever the card reached it, so always when approved); <paramref name="Message"/> is a sentence
/// for the member.
/// </summary>
public sealed record PaymentResult(PaymentOutcome Outcome, string? Reference, string Message)
{
    public bool IsApproved => Outcome == PaymentOutcome.Approved;
}
