namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// Releases expired holds in the background. Expired seats are already free to take before this
/// runs (the hold condition checks the expiry); the sweep makes them show as available again.
/// </summary>
public sealed class HoldSweeper(ISeatInventory inventory, TimeProvider time, ILogger<HoldSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var released = await inventory.ReleaseExpiredAsync(time.GetUtcNow(), stoppingToken);
                if (released.Count > 0)
                {
                    logger.LogInformation("Released {Seats} seats of {Holds} expired holds", released.Sum(r => r.SeatIds.Count), released.Count);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Sweeping expired holds failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
