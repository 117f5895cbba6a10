namespace AtTicket.Domain.Bookings.Payments;

/// <summary>
/// The card processor. A payment is authorized and captured in one step; an approved payment has a
/// reference that refunds name. The idempotency key makes a retried call answer the first call's
/// result without charging again, so a caller that timed out can safely ask once more.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Charges the card. Never throws for a refused card: the outcome says what happened.</summary>
    Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken);

    /// <summary>Gives back <paramref name="amount"/> of an approved payment. False when there is nothing to refund (unknown or already refunded reference, or more than was charged).</summary>
    Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken);

    /// <summary>
    /// What the processor did with an idempotency key: the first call's result, or null when the key
    /// never reached it. Lets a reconciler find out whether a call that never answered charged the card.
    /// </summary>
    Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken);
}
