using AtTicket.Infrastructure.Queues;
using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Live;

/// <summary>
/// Tells each followed line's hub group when its counts change. Every node watches the lines its own connections
/// follow, reading the shared line, so no message has to travel between nodes.
/// </summary>
public sealed partial class LineWatcher(
    LineFollowers followers,
    IHubContext<WaitingLineHub> hub,
    TimeProvider time,
    ILogger<LineWatcher> logger) : BackgroundService
{
    private readonly Dictionary<int, LineMovedMessage> _lastSent = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(AdmissionTicker.Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TellMovedLinesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The line's store away for a moment: followers hear nothing until it answers again.
                LogNotWatched(logger, e);
            }
        }
    }

    private async Task TellMovedLinesAsync(CancellationToken cancellationToken)
    {
        var followed = followers.Followed();
        foreach (var gone in _lastSent.Keys.Except(followed).ToList())
        {
            _lastSent.Remove(gone);
        }

        foreach (var performanceId in followed)
        {
            var group = hub.Clients.Group(WaitingLineHub.Group(performanceId));
            var now = await followers.TryCurrentAsync(performanceId, cancellationToken);
            if (now is null)
            {
                if (_lastSent.Remove(performanceId))
                {
                    await group.SendAsync("LineEnded", performanceId, cancellationToken);
                }
            }
            else if (_lastSent.GetValueOrDefault(performanceId) != now)
            {
                _lastSent[performanceId] = now;
                await group.SendAsync("LineMoved", now, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The followed waiting lines could not be read")]
    private static partial void LogNotWatched(ILogger logger, Exception exception);
}
