using System.Threading.Channels;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// The bus when Kafka is not configured: every subscriber (a consumer group of one, in this process)
/// gets each message published after it subscribed, at least once: a handler that throws gets the
/// same message again after a pause that doubles up to thirty seconds. A subscriber with several
/// lanes handles that many messages at once; like Kafka's partitions, a lane is chosen by the
/// message's aggregate id, so the messages of one aggregate are handled one after the other, in order.
/// </summary>
public sealed partial class InProcessMessageBus(TimeProvider time, ILogger<InProcessMessageBus> logger) : IMessageBus, IAsyncDisposable
{
    private readonly TimeProvider _time = time;
    private readonly List<Subscription> _subscriptions = [];
    private readonly Lock _lock = new();

    public Task PublishAsync(BusMessage message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Enqueue(message);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Handles every message published from now on, <paramref name="lanes"/> at a time, until the returned handle is disposed.</summary>
    public IAsyncDisposable Subscribe(string group, Func<BusMessage, CancellationToken, Task> handler, int lanes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var subscription = new Subscription(this, group, handler, lanes);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        subscription.Start();
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        Subscription[] all;
        lock (_lock)
        {
            all = [.. _subscriptions];
        }

        foreach (var subscription in all)
        {
            await subscription.DisposeAsync();
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private ILogger Logger => logger;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Group} failed on message {MessageId} ({Type}); it is delivered again in {Delay}.")]
    private partial void LogRedelivery(Exception exception, string group, Guid messageId, string type, TimeSpan delay);

    private sealed class Subscription(InProcessMessageBus bus, string group, Func<BusMessage, CancellationToken, Task> handler, int lanes) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private readonly Channel<BusMessage>[] _lanes = [.. Enumerable.Range(0, lanes).Select(_ => Channel.CreateUnbounded<BusMessage>(new UnboundedChannelOptions { SingleReader = true }))];
        private Task _loops = Task.CompletedTask;

        public void Enqueue(BusMessage message) =>
            _lanes[MessageLanes.Of(message.AggregateId, _lanes.Length)].Writer.TryWrite(message);

        public void Start() => _loops = Task.WhenAll(_lanes.Select(lane => Task.Run(() => RunAsync(lane, _stopping.Token))));

        private async Task RunAsync(Channel<BusMessage> lane, CancellationToken stopping)
        {
            try
            {
                await foreach (var message in lane.Reader.ReadAllAsync(stopping))
                {
                    await Redelivery.HandleUntilDoneAsync(
                        message, handler, (exception, delay) => bus.LogRedelivery(exception, group, message.Id, message.Type, delay), bus._time, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            bus.Remove(this);
            await _stopping.CancelAsync();
            await _loops;
            _stopping.Dispose();
        }
    }
}
