using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// The bus when Kafka is not configured: every subscriber (a consumer group of one, in this process)
/// gets each message published after it subscribed, in order, at least once: a handler that throws
/// gets the same message again after a pause that doubles up to thirty seconds.
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
                subscription.Queue.Writer.TryWrite(message);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Handles every message published from now on until the returned handle is disposed.</summary>
    public IAsyncDisposable Subscribe(string group, Func<BusMessage, CancellationToken, Task> handler)
    {
        var subscription = new Subscription(this, group, handler);
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

    private sealed class Subscription(InProcessMessageBus bus, string group, Func<BusMessage, CancellationToken, Task> handler) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private Task _loop = Task.CompletedTask;

        public Channel<BusMessage> Queue { get; } = Channel.CreateUnbounded<BusMessage>(new UnboundedChannelOptions { SingleReader = true });

        public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

        private async Task RunAsync(CancellationToken stopping)
        {
            try
            {
                await foreach (var message in Queue.Reader.ReadAllAsync(stopping))
                {
                    var delay = TimeSpan.FromMilliseconds(100);
                    while (true)
                    {
                        try
                        {
                            await handler(message, stopping);
                            break;
                        }
                        catch (Exception exception) when (!stopping.IsCancellationRequested)
                        {
                            bus.LogRedelivery(exception, group, message.Id, message.Type, delay);
                            await Task.Delay(delay, bus._time, stopping);
                            delay = delay * 2 > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delay * 2;
                        }
                    }
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
            await _loop;
            _stopping.Dispose();
        }
    }
}
