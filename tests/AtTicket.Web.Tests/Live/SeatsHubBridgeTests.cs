using AtTicket.Infrastructure.Live;
using AtTicket.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using static AtTicket.Web.Tests.Live.LiveParts;

namespace AtTicket.Web.Tests.Live;

/// <summary>
/// Hub clients that read slowly never hold up the node's feed: the bridge queues, and when the queue
/// overflows it drops what waits and tells every client to reload.
/// </summary>
public sealed class SeatsHubBridgeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stuck_hub_client_does_not_hold_up_the_feed_and_everyone_is_told_to_reload_after_an_overflow()
    {
        var feed = Feed(TimeProvider.System);
        var hub = new StuckHub();
        using var bridge = new SeatsHubBridge(feed, hub, NullLogger<SeatsHubBridge>.Instance);
        await bridge.StartAsync(Cancellation);

        // The first send never finishes until the test lets it; the feed keeps going meanwhile. The
        // rest is delivered once that send is under way, so it all waits in the queue (a bridge that
        // is not stuck folds whatever has queued into its next send).
        await feed.DeliverAsync(Change(7, 1));
        await hub.FirstSendStarted.WaitAsync(TimeSpan.FromSeconds(15), Cancellation);
        var deliveries = Task.Run(async () =>
        {
            for (var sequence = 2; sequence <= SeatsHubBridge.QueueLength + 50; sequence++)
            {
                await feed.DeliverAsync(Change(7, sequence));
            }
        }, Cancellation);
        await deliveries.WaitAsync(TimeSpan.FromSeconds(15), Cancellation);

        hub.Release();
        await Within.UntilAsync(() => hub.Sent.Contains("Resync"), () => $"sent: {string.Join(", ", hub.Sent.Take(5))}…");
        await bridge.StopAsync(Cancellation);

        Assert.True(hub.Sent.Count < SeatsHubBridge.QueueLength, $"{hub.Sent.Count} sends: the backlog was not dropped");
    }

    /// <summary>A hub whose first send waits for the test, and which records what it was asked to send.</summary>
    private sealed class StuckHub : IHubContext<SeatsHub>, IHubClients, IClientProxy
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstSendStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private readonly List<string> _sent = [];

        IHubClients IHubContext<SeatsHub>.Clients => this;

        IGroupManager IHubContext<SeatsHub>.Groups => throw new NotSupportedException();

        public IReadOnlyList<string> Sent
        {
            get
            {
                lock (_lock)
                {
                    return [.. _sent];
                }
            }
        }

        public Task FirstSendStarted => _firstSendStarted.Task;

        public void Release() => _released.TrySetResult();

        public async Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            bool first;
            lock (_lock)
            {
                first = _sent.Count == 0;
                _sent.Add(method);
            }

            if (first)
            {
                _firstSendStarted.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }
        }

        public IClientProxy All => this;

        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => this;

        public IClientProxy Client(string connectionId) => this;

        IClientProxy IHubClients<IClientProxy>.Clients(IReadOnlyList<string> connectionIds) => this;

        public IClientProxy Group(string groupName) => this;

        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => this;

        IClientProxy IHubClients<IClientProxy>.Groups(IReadOnlyList<string> groupNames) => this;

        public IClientProxy User(string userId) => this;

        public IClientProxy Users(IReadOnlyList<string> userIds) => this;
    }
}
