using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Infrastructure.Payments;

/// <summary>
/// The simulated processor's books: every attempt under its idempotency key, every capture and every
/// refund. A real processor keeps them outside the app, for every node and past any node's death; so
/// does <see cref="MySqlPaymentLedger"/> when the app runs scaled out. <see cref="PaymentLedger"/> keeps
/// them in the node's memory for a single node.
/// </summary>
public interface IPaymentLedger
{
    /// <summary>Makes the books' storage ready: run once at start-up, before any checkout, under the start-up lock.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="attempt"/> unless its key is already there; answers the attempt kept for the key, this one or the first.</summary>
    Task<LedgerAttempt> RecordAsync(LedgerAttempt attempt, CancellationToken cancellationToken);

    /// <summary>The attempt kept under <paramref name="idempotencyKey"/>, or null when the key never reached the processor.</summary>
    Task<LedgerAttempt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Records the refund if the reference is a capture not yet refunded and the amount fits; check and record are one step.</summary>
    Task<bool> TryRecordRefundAsync(string reference, long amount, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every capture, in the order they were made.</summary>
    Task<IReadOnlyList<LedgerCharge>> ChargesAsync(CancellationToken cancellationToken);

    /// <summary>Every refund, in the order they were made.</summary>
    Task<IReadOnlyList<LedgerRefund>> RefundsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What the processor decided for one idempotency key, and when it answers. <paramref name="Fingerprint"/>
/// tells a retry of this payment from the key reused for another one.
/// </summary>
public sealed record LedgerAttempt(string IdempotencyKey, string Fingerprint, PaymentResult Result, long Amount, string CardLastFour, DateTimeOffset AnsweredAt)
{
    public LedgerCharge? Charge => Result is { IsApproved: true, Reference: { } reference }
        ? new LedgerCharge(reference, Amount, IdempotencyKey, CardLastFour, AnsweredAt)
        : null;
}

public sealed record LedgerCharge(string Reference, long Amount, string IdempotencyKey, string CardLastFour, DateTimeOffset At);

public sealed record LedgerRefund(string Reference, long Amount, DateTimeOffset At);
