namespace AtTicket.Domain.Bookings.Payments;

/// <summary>One charge: an amount in won, the card, and the key that makes retries safe.</summary>
public sealed record PaymentRequest
{
    public const int MaxIdempotencyKeyLength = 100;

    public PaymentRequest(long amount, CardDetails card, string idempotencyKey)
    {
        Guard.That(amount > 0, new Refusal(RefusalCode.PaymentAmountNotPositive, "The amount to pay must be more than zero won."));
        ArgumentNullException.ThrowIfNull(card);
        Amount = amount;
        Card = card;
        IdempotencyKey = Guard.Text(idempotencyKey, RuleSubject.IdempotencyKey, MaxIdempotencyKeyLength);
    }

    /// <summary>Korean won; the won has no minor unit.</summary>
    public long Amount { get; }

    public CardDetails Card { get; }

    public string IdempotencyKey { get; }
}
