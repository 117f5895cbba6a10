namespace AtTicket.Domain.Live;

/// <summary>
/// Tells every node that seats changed state. Called after the change has committed, never inside
/// the transaction: a rolled-back change is never announced. Announcing is best effort and never fails
/// the caller; a listener that misses one sees a gap in the sequence and reloads.
/// </summary>
public interface ISeatChangeNotifier
{
    Task SeatsChangedAsync(int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default);
}
