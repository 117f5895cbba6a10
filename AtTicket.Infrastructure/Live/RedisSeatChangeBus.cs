using System.Text.Json;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// Seat changes over Redis. One script numbers a change and publishes it on
/// <c>atticket:performance:{id}</c> in one atomic step (<c>HINCRBY</c>, <c>HGET</c> of the epoch, <c>PUBLISH</c>), so every
/// node hears a performance's changes in number order. The number lives in a hash with the epoch it
/// belongs to: if Redis loses the hash (restart, FLUSHDB, eviction), the next change starts a new epoch
/// at 1 and listeners reload instead of ignoring "old" numbers. Each node holds one pattern
/// subscription and hands every message, in order, to its <see cref="LiveSeatStates"/>. When the
/// connection comes back after Redis went away, every node reloads. A node that starts while Redis is
/// down starts anyway and subscribes once Redis answers.
/// </summary>
public sealed class RedisSeatChangeBus(IConnectionMultiplexer redis, LiveSeatStates states, ILogger<RedisSeatChangeBus> logger)
    : ISeatChangeBus, IHostedService
{
    private const string Prefix = "atticket:performance:";
    // A new hash (sequence 1) gets a new epoch: this node's id and the server's clock, unique without
    // a fresh random value per change. Three commands per change; the epoch is written once per hash.
    private const string NumberAndPublish = """
        local sequence = redis.call('HINCRBY', KEYS[1], 'sequence', 1)
        local epoch
        if sequence == 1 then
          local now = redis.call('TIME')
          epoch = ARGV[1] .. now[1] .. '.' .. now[2]
          redis.call('HSET', KEYS[1], 'epoch', epoch)
        else
          epoch = redis.call('HGET', KEYS[1], 'epoch')
        end
        redis.call('PUBLISH', ARGV[2], epoch .. '|' .. sequence .. '|' .. ARGV[3])
        return sequence
        """;

    private static readonly RedisChannel Channels = RedisChannel.Pattern(Prefix + "*");
    private static readonly RedisValue[] NumberFields = ["epoch", "sequence"];
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _node = Guid.NewGuid().ToString("N")[..12] + "-";
    private readonly CancellationTokenSource _stopping = new();
    private ChannelMessageQueue? _queue;
    private Task _retrying = Task.CompletedTask;

    public async Task<long> PublishAsync(int performanceId, IReadOnlyList<SeatFact> seats, bool reload, DateTimeOffset publishedAt)
    {
        var body = JsonSerializer.Serialize(new Body(performanceId, seats, reload, publishedAt), Json);
        var sequence = await redis.GetDatabase().ScriptEvaluateAsync(
            NumberAndPublish,
            [NumberKey(performanceId)],
            [_node, Prefix + performanceId, body]);
        return (long)sequence;
    }

    public async Task<LiveSequence> CurrentSequenceAsync(int performanceId)
    {
        var values = await redis.GetDatabase().HashGetAsync(NumberKey(performanceId), NumberFields);
        return values[0].IsNull ? LiveSequence.Unknown : new LiveSequence(values[0].ToString(), (long)values[1]);
    }

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

    private static RedisKey NumberKey(int performanceId) => $"{Prefix}{performanceId}:live";

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
                await states.ResyncAllAsync();
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    /// <summary>"epoch|sequence|json", as the script wrote it.</summary>
    private async Task OnMessageAsync(ChannelMessage message)
    {
        SeatChangeMessage? change;
        try
        {
            change = Parse(message.Message.ToString());
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            logger.LogWarning(exception, "Ignored an unreadable seat change on {Channel}", message.Channel);
            return;
        }

        if (change is not null)
        {
            await states.ReceiveAsync(change);
        }
    }

    private static SeatChangeMessage? Parse(string text)
    {
        var parts = text.Split('|', 3);
        if (parts.Length != 3)
        {
            throw new FormatException("A seat change is \"epoch|sequence|json\".");
        }

        var body = JsonSerializer.Deserialize<Body>(parts[2], Json);
        return body is null
            ? null
            : new SeatChangeMessage(body.PerformanceId, parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), body.Seats ?? [], body.Reload, body.PublishedAt);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        logger.LogInformation("Redis subscription restored; live listeners reload their seat states");
        _ = states.ResyncAllAsync();
    }

    private sealed record Body(int PerformanceId, IReadOnlyList<SeatFact>? Seats, bool Reload, DateTimeOffset PublishedAt);
}
