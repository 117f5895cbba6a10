namespace AtTicket.Infrastructure.Live;

/// <summary>
/// Announces committed seat changes as facts with their row versions, numbered and published in one
/// step. Facts the transaction already knows go out as they are; otherwise the seats are read back
/// (any read after the commit is a true fact: versions order them). Failures are logged, never
/// thrown: the seat change itself has already happened, and every node's state refreshes within
/// <see cref="LiveSeatStates.RefreshAfter"/>.
/// </summary>
public sealed class SeatChangePublisher(ISeatFactSource reader, ISeatChangeBus bus, TimeProvider time, ILogger<SeatChangePublisher> logger)
    : ISeatChangeNotifier
{
    public async Task SeatsChangedAsync(int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default)
    {
        if (seatIds.Count == 0)
        {
            return;
        }

        try
        {
            await bus.PublishAsync(performanceId, await reader.ReadAsync(performanceId, seatIds, CancellationToken.None), reload: false, time.GetUtcNow());
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not announce {Count} seat changes of performance {PerformanceId}", seatIds.Count, performanceId);
        }
    }

    public Task SeatsChangedAsync(int performanceId, IReadOnlyList<SeatFact> facts, CancellationToken cancellationToken = default) =>
        facts.Count == 0 ? Task.CompletedTask : PublishAsync(performanceId, facts, reload: false);

    public Task SeatingChangedAsync(int performanceId, CancellationToken cancellationToken = default) =>
        PublishAsync(performanceId, [], reload: true);

    private async Task PublishAsync(int performanceId, IReadOnlyList<SeatFact> facts, bool reload)
    {
        try
        {
            await bus.PublishAsync(performanceId, facts, reload, time.GetUtcNow());
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not announce {Count} seat changes of performance {PerformanceId}", facts.Count, performanceId);
        }
    }
}
