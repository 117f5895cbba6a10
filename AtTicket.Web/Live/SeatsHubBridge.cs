using System.Threading.Channels;
using AtTicket.Domain.Live;
using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Live;

/// <summary>
/// Hands this node's seat feed to its hub clients: each change goes to the group of its performance.
/// The hub is fed from the same feed as the pages, never by a client connection to itself. Sending
/// happens on its own loop behind a bounded queue, so a hub client that reads slowly never holds up
/// the feed (and with it every seat map on the node); what queued during a send is folded into one
/// message per performance; if the queue overflows, what waits is dropped and clients are told to
/// reload instead.
/// </summary>
public sealed class SeatsHubBridge(SeatFeed feed, IHubContext<SeatsHub> hub, ILogger<SeatsHubBridge> logger) : BackgroundService, ISeatFeedListener
{
    public const int QueueLength = 1_000;

    private readonly Channel<SeatsChanged?> _queue = Channel.CreateBounded<SeatsChanged?>(
        new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private IDisposable? _subscription;

    /// <summary>Listens before the send loop starts (which runs on its own thread), so no change slips by.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.SubscribeAll(this);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    public Task OnSeatsChangedAsync(SeatsChanged change)
    {
        if (!_queue.Writer.TryWrite(change))
        {
            Overflow();
        }

        return Task.CompletedTask;
    }

    /// <summary>A null in the queue stands for "everyone reload".</summary>
    public Task OnResyncAsync()
    {
        if (!_queue.Writer.TryWrite(null))
        {
            Overflow();
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<SeatsChanged?>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < QueueLength && _queue.Reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                await SendAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    /// <summary>
    /// Everything that queued while the last send went out leaves as one message per performance, so
    /// under load clients get fewer, larger messages instead of falling behind. A resync in the batch
    /// goes first and makes the changes before it moot.
    /// </summary>
    private async Task SendAsync(List<SeatsChanged?> batch, CancellationToken cancellationToken)
    {
        var resync = batch.LastIndexOf(null);
        if (resync >= 0)
        {
            await SendSafelyAsync(hub.Clients.All.SendAsync("Resync", cancellationToken));
        }

        foreach (var run in ConsecutiveRuns(batch.Skip(resync + 1).OfType<SeatsChanged>()))
        {
            await SendSafelyAsync(hub.Clients.Group(SeatsHub.Group(run[0].PerformanceId)).SendAsync("SeatsChanged", SeatsChangedMessage.Fold(run), cancellationToken));
        }
    }

    /// <summary>Per performance, its changes in order, split where the numbers are not consecutive so a client still sees a real gap.</summary>
    internal static IEnumerable<List<SeatsChanged>> ConsecutiveRuns(IEnumerable<SeatsChanged> changes)
    {
        foreach (var performance in changes.GroupBy(c => c.PerformanceId))
        {
            var run = new List<SeatsChanged>();
            foreach (var change in performance)
            {
                if (run.Count > 0 && change.Sequence != run[^1].Sequence + 1)
                {
                    yield return run;
                    run = [];
                }

                run.Add(change);
            }

            yield return run;
        }
    }

    private async Task SendSafelyAsync(Task send)
    {
        try
        {
            await send;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not send a seat change to hub clients");
        }
    }

    private void Overflow()
    {
        // Clients slower than the feed: drop what waits; a resync makes every client reload once.
        while (_queue.Reader.TryRead(out _))
        {
        }

        _queue.Writer.TryWrite(null);
        logger.LogWarning("Hub clients fell more than {QueueLength} seat changes behind; they were told to reload", QueueLength);
    }
}
