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

    public async Task InvalidateCatalogAsync(CancellationToken cancellationToken = default)
    {
        await cache.RemoveByTagAsync(CatalogCache.Catalog, cancellationToken);
        if (redis is not null)
        {
            await redis.GetSubscriber().PublishAsync(Channel, $"{_nodeId}|{CatalogCache.Catalog}");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnAnnouncement(message));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            await redis.GetSubscriber().UnsubscribeAsync(Channel);
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
