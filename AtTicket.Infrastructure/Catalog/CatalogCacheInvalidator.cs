using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Catalog;

/// <summary>
/// Drops cached catalog reads after an admin edit, on every node. HybridCache's tag removal reaches
/// this node's memory and the shared Redis L2, but not other nodes' memory; so, with Redis, the
/// removal is also announced on a channel, and every node (listening from start-up, as a hosted
/// service) repeats it locally.
/// </summary>
public sealed class CatalogCacheInvalidator(HybridCache cache, ILogger<CatalogCacheInvalidator> logger, IConnectionMultiplexer? redis = null)
    : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("atticket:cache:invalidate");
    private readonly string _nodeId = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stopping = new();
    private Task _listening = Task.CompletedTask;

    public async Task InvalidateCatalogAsync(CancellationToken cancellationToken = default)
    {
        await cache.RemoveByTagAsync(CatalogCache.Catalog, cancellationToken);
        if (redis is not null)
        {
            try
            {
                await redis.GetSubscriber().PublishAsync(Channel, $"{_nodeId}|{CatalogCache.Catalog}");
            }
            catch (RedisException exception)
            {
                // The edit is saved; other nodes serve their copy until it expires.
                logger.LogWarning(exception, "Could not tell other nodes to drop their cached catalog");
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: the node starts even while Redis is down, and listens once it is back.
        _listening = redis is null ? Task.CompletedTask : ListenWhenAvailableAsync(redis, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _listening;
        if (redis is not null)
        {
            try
            {
                await redis.GetSubscriber().UnsubscribeAsync(Channel);
            }
            catch (RedisException)
            {
                // Redis is away: the subscription went with the connection.
            }
        }
    }

    private async Task ListenWhenAvailableAsync(IConnectionMultiplexer connection, CancellationToken stopping)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); !stopping.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(5, delay.TotalSeconds * 2)))
        {
            try
            {
                await connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnAnnouncement(message));
                return;
            }
            catch (RedisException exception)
            {
                logger.LogWarning(exception, "Cannot listen for other nodes' catalog edits yet; trying again in {Delay}", delay);
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
            _ = RemoveLocallyAsync(parts[1]);
        }
    }

    private async Task RemoveLocallyAsync(string tag)
    {
        try
        {
            await cache.RemoveByTagAsync(tag);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not drop cached entries tagged {Tag} after another node's edit", tag);
        }
    }
}
