using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;

namespace AtTicket.Infrastructure.Telemetry;

/// <summary>
/// Reads refunds owed and the waiting lines' sizes every <see cref="Interval"/> for the gauges. A scrape only
/// reads the last figures: it never waits on the database or Redis, and while either is away the gauges keep
/// the last figures read (the log says why they are not fresh).
/// </summary>
public sealed class OperationsGaugeReader(
    IDbContextFactory<AtTicketDbContext> contexts,
    WaitingLines lines,
    IWaitingRoom room,
    AtTicketMetrics metrics,
    TimeProvider time,
    ILogger<OperationsGaugeReader> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Reads the figures once and hands them to the gauges.</summary>
    public async Task ReadOnceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owed = await db.Bookings.AsNoTracking().LongCountAsync(Booking.OwingRefund, cancellationToken);
        var queues = new Dictionary<int, (long, long)>();
        foreach (var performanceId in (await lines.AllAsync(cancellationToken)).Keys)
        {
            var counts = await room.CountAsync(performanceId, cancellationToken);
            queues[performanceId] = (counts.Waiting, counts.Shopping);
        }

        metrics.Observe(new OperationsSnapshot(owed, queues));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await ReadOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The refunds owed and waiting lines could not be read for the gauges; they keep the last figures");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
