using StackExchange.Redis;

namespace AtTicket.Infrastructure.Redis;

/// <summary>
/// A Redis channel on which a node tells the others to drop something they keep in memory (a cached catalog, a
/// member's security stamp). A node does not hear its own announcements. Listening starts in the background and
/// retries, so a node starts while Redis is away; a lost announcement costs only time, because what the nodes
/// keep expires on its own.
/// </summary>
public sealed class NodeAnnouncements(IConnectionMultiplexer redis, string channel, string subject, Action<string> onAnnounced, ILogger logger)
{
    private readonly RedisChannel _channel = RedisChannel.Literal(channel);
    private readonly string _nodeId = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stopping = new();
    private Task _listening = Task.CompletedTask;

    public async Task AnnounceAsync(string payload)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, $"{_nodeId}|{payload}");
        }
        catch (RedisException exception)
        {
            logger.LogWarning(exception, "Could not tell other nodes about {Subject} {Payload}; they catch up when their copy expires", subject, payload);
        }
    }

    public void StartListening() => _listening = ListenWhenAvailableAsync(_stopping.Token);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _listening;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(_channel);
        }
        catch (RedisException)
        {
            // Redis is away: the subscription went with the connection.
        }
    }

    private async Task ListenWhenAvailableAsync(CancellationToken stopping)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); !stopping.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(5, delay.TotalSeconds * 2)))
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnAnnouncement(message));
                return;
            }
            catch (RedisException exception)
            {
                logger.LogWarning(exception, "Cannot listen for other nodes' {Subject} yet; trying again in {Delay}", subject, delay);
            }

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnAnnouncement(RedisValue message)
    {
        var parts = message.ToString().Split('|', 2);
        if (parts.Length == 2 && parts[0] != _nodeId)
        {
            onAnnounced(parts[1]);
        }
    }
}
