namespace AtTicket.Infrastructure.Payments;

/// <summary>
/// The simulated processor's books: every capture and every refund, in order. Thread-safe; the
/// lists handed out are snapshots. Tests read it to prove a payment was charged once, or refunded.
/// </summary>
public sealed class PaymentLedger
{
    private readonly Lock _lock = new();
    private readonly List<LedgerCharge> _charges = [];
    private readonly List<LedgerRefund> _refunds = [];

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

    internal void RecordCharge(LedgerCharge charge)
    {
        lock (_lock)
        {
            _charges.Add(charge);
        }
    }

    /// <summary>Records the refund if the reference is a capture not yet refunded and the amount fits; check and record are one step.</summary>
    internal bool TryRecordRefund(string reference, long amount, DateTimeOffset at)
    {
        lock (_lock)
        {
            var charge = _charges.Find(c => c.Reference == reference);
            if (charge is null || amount <= 0 || amount > charge.Amount || _refunds.Exists(r => r.Reference == reference))
            {
                return false;
            }

            _refunds.Add(new LedgerRefund(reference, amount, at));
            return true;
        }
    }
}

public sealed record LedgerCharge(string Reference, long Amount, string IdempotencyKey, string CardLastFour, DateTimeOffset At);

public sealed record LedgerRefund(string Reference, long Amount, DateTimeOffset At);
