using System.Text.Json;
using AtTicket.Domain.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// Seat changes over Redis: <c>PUBLISH atticket:performance:{id}</c>, numbered with <c>INCR</c> on
/// <c>atticket:performance:{id}:sequence</c>. Each node holds one pattern subscription and hands
/// every message, in order, to its feed. When the connection comes back after Redis went away, every
/// listener reloads: messages published meanwhile are lost, and a restarted Redis counts from 1 again.
/// A node that starts while Redis is down starts anyway and subscribes once Redis answers.
/// </summary>
public sealed class RedisSeatChangeBus(IConnectionMultiplexer redis, SeatFeed feed, ILogger<RedisSeatChangeBus> logger)
    : ISeatChangeBus, IHostedService
{
    private const string Prefix = "atticket:performance:";
    private static readonly RedisChannel Channels = RedisChannel.Pattern(Prefix + "*");
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CancellationTokenSource _stopping = new();
    private ChannelMessageQueue? _queue;
    private Task _retrying = Task.CompletedTask;

    public async Task<long> NextSequenceAsync(int performanceId) =>
        await redis.GetDatabase().StringIncrementAsync(SequenceKey(performanceId));

    public async Task<long> CurrentSequenceAsync(int performanceId) =>
        (long?)await redis.GetDatabase().StringGetAsync(SequenceKey(performanceId)) ?? 0;

    public async Task PublishAsync(SeatsChanged change) =>
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Prefix + change.PerformanceId), JsonSerializer.Serialize(change, Json));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;

        // Redis down must not stop the node from starting: it subscribes in the background instead.
        if (!redis.IsConnected || !await TrySubscribeAsync())
        {
            logger.LogWarning("Redis is not reachable; this node shows live seat changes once it is");
            _retrying = SubscribeWhenReachableAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        await _stopping.CancelAsync();
        await _retrying;
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    private static RedisKey SequenceKey(int performanceId) => $"{Prefix}{performanceId}:sequence";

    /// <summary>A queue, not a handler: a queue hands messages over one at a time, in the order they came.</summary>
    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(Channels);
            queue.OnMessage(OnMessageAsync);
            _queue = queue;
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The multiplexer keeps a failed subscription's queue registered and would fill it, unread, once Redis is back.
            await redis.GetSubscriber().UnsubscribeAsync(Channels, null, CommandFlags.FireAndForget);
            logger.LogDebug(exception, "Could not subscribe to live seat changes");
            return false;
        }
    }

    private async Task SubscribeWhenReachableAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TrySubscribeAsync())
            {
                logger.LogInformation("Subscribed to live seat changes; live listeners reload their seat states");
                await feed.ResyncAllAsync();
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task OnMessageAsync(ChannelMessage message)
    {
        SeatsChanged? change;
        try
        {
            change = JsonSerializer.Deserialize<SeatsChanged>(message.Message.ToString(), Json);
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Ignored an unreadable seat change on {Channel}", message.Channel);
            return;
        }

        if (change is not null)
        {
            await feed.DeliverAsync(change);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        logger.LogInformation("Redis subscription restored; live listeners reload their seat states");
        _ = feed.ResyncAllAsync();
    }
}
