namespace AtTicket.Domain.Live;

/// <summary>
/// Tells every node that seats changed state. Called after the change has committed, never inside
/// the transaction: a rolled-back change is never announced. Announcing is best effort and never fails
/// the caller.
/// </summary>
public interface ISeatChangeNotifier
{
    /// <summary>These seats changed; their states are read back as they are now.</summary>
    Task SeatsChangedAsync(int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default);

    /// <summary>These seats changed, and the transaction that changed them already knows how they ended up.</summary>
    Task SeatsChangedAsync(int performanceId, IReadOnlyList<SeatFact> facts, CancellationToken cancellationToken = default);

    /// <summary>More than sale states changed (grades repainted, seats added or removed): every node reads the performance again.</summary>
    Task SeatingChangedAsync(int performanceId, CancellationToken cancellationToken = default);
}
