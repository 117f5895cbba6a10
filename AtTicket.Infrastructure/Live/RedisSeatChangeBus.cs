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
/// </summary>
public sealed class RedisSeatChangeBus(IConnectionMultiplexer redis, SeatFeed feed, ILogger<RedisSeatChangeBus> logger)
    : ISeatChangeBus, IHostedService
{
    private const string Prefix = "atticket:performance:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private ChannelMessageQueue? _queue;

    public async Task<long> NextSequenceAsync(int performanceId) =>
        await redis.GetDatabase().StringIncrementAsync(SequenceKey(performanceId));

    public async Task<long> CurrentSequenceAsync(int performanceId) =>
        (long?)await redis.GetDatabase().StringGetAsync(SequenceKey(performanceId)) ?? 0;

    public async Task PublishAsync(SeatsChanged change) =>
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Prefix + change.PerformanceId), JsonSerializer.Serialize(change, Json));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A queue, not a handler: a queue hands messages over one at a time, in the order they came.
        _queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(Prefix + "*"));
        _queue.OnMessage(OnMessageAsync);
        redis.ConnectionRestored += OnConnectionRestored;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    private static RedisKey SequenceKey(int performanceId) => $"{Prefix}{performanceId}:sequence";

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
