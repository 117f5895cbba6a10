namespace AtTicket.Infrastructure.Media;

/// <summary>Deletes uploaded posters that no product has named for <see cref="PosterOptions.OrphanMinutes"/>.</summary>
public sealed class PosterSweeper(PosterStore posters, IOptions<PosterOptions> options, TimeProvider time, ILogger<PosterSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.SweepInterval, time);
        do
        {
            try
            {
                var deleted = await posters.DeleteOrphansAsync(time.GetUtcNow() - settings.OrphanAge, stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Posters} uploaded posters that no product uses", deleted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Sweeping unused posters failed; trying again in {Interval}", settings.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
