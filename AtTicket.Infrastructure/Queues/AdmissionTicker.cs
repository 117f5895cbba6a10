using AtTicket.Domain.Queues;

namespace AtTicket.Infrastructure.Queues;

/// <summary>
/// Advances every line once a second. Every node runs one: an admission is one atomic step of the store that
/// counts what was already admitted, so two nodes ticking together admit no more than one would.
/// </summary>
public sealed class AdmissionTicker(WaitingLines lines, IWaitingRoom room, TimeProvider time, ILogger<AdmissionTicker> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var (performanceId, rules) in await lines.AllAsync(stoppingToken))
                {
                    var admitted = await room.AdmitAsync(performanceId, rules, stoppingToken);
                    if (admitted > 0)
                    {
                        logger.LogInformation("Waiting line of performance {PerformanceId}: {Admitted} admitted", performanceId, admitted);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Redis or the database away for a moment: nobody is admitted meanwhile, the next tick tries again.
                logger.LogWarning(e, "The waiting lines could not be advanced");
            }
        }
    }
}
