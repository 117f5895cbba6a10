namespace AtTicket.Infrastructure.Payments;

/// <summary>
/// The simulated processor's books in the node's memory, for a single node (SQLite): they end with the
/// process. Thread-safe; the lists handed out are snapshots. Tests read it to prove a payment was
/// charged once, or refunded.
/// </summary>
public sealed class PaymentLedger : IPaymentLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LedgerAttempt> _attempts = new(StringComparer.Ordinal);
    private readonly List<LedgerCharge> _charges = [];
    private readonly List<LedgerRefund> _refunds = [];

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyList<LedgerCharge> Charges
    {
        get
        {
            lock (_lock)
            {
                return [.. _charges];
            }
        }
    }

    public IReadOnlyList<LedgerRefund> Refunds
    {
        get
        {
            lock (_lock)
            {
                return [.. _refunds];
            }
        }
    }

    /// <summary>Captured minus refunded, in won: what the customers are out of pocket.</summary>
    public long NetCaptured
    {
        get
        {
            lock (_lock)
            {
                return _charges.Sum(c => c.Amount) - _refunds.Sum(r => r.Amount);
            }
        }
    }

    public LedgerCharge? FindCharge(string reference)
    {
        lock (_lock)
        {
            return _charges.Find(c => c.Reference == reference);
        }
    }

    public bool IsRefunded(string reference)
    {
        lock (_lock)
        {
            return _refunds.Exists(r => r.Reference == reference);
        }
    }

    public Task<LedgerAttempt> RecordAsync(LedgerAttempt attempt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_attempts.TryAdd(attempt.IdempotencyKey, attempt) && attempt.Charge is { } charge)
            {
                _charges.Add(charge);
            }

            return Task.FromResult(_attempts[attempt.IdempotencyKey]);
        }
    }

    public Task<LedgerAttempt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_attempts.GetValueOrDefault(idempotencyKey));
        }
    }

    public Task<bool> TryRecordRefundAsync(string reference, long amount, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var charge = _charges.Find(c => c.Reference == reference);
            if (charge is null || amount <= 0 || amount > charge.Amount || _refunds.Exists(r => r.Reference == reference))
            {
                return Task.FromResult(false);
            }

            _refunds.Add(new LedgerRefund(reference, amount, at));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<LedgerCharge>> ChargesAsync(CancellationToken cancellationToken) => Task.FromResult(Charges);

    public Task<IReadOnlyList<LedgerRefund>> RefundsAsync(CancellationToken cancellationToken) => Task.FromResult(Refunds);
}
