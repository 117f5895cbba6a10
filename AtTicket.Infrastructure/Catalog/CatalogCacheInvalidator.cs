using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Catalog;

/// <summary>
/// Drops cached catalog reads after an admin edit, on every node. HybridCache's tag removal reaches
/// this node's memory and the shared Redis L2, but not other nodes' memory; so, with Redis, the
/// removal is also announced on a channel and each node repeats it locally.
/// </summary>
public sealed class CatalogCacheInvalidator
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("atticket:cache:invalidate");
    private readonly HybridCache _cache;
    private readonly ISubscriber? _subscriber;
    private readonly string _nodeId = Guid.NewGuid().ToString("N");

    public CatalogCacheInvalidator(HybridCache cache, ILogger<CatalogCacheInvalidator> logger, IConnectionMultiplexer? redis = null)
    {
        _cache = cache;
        _subscriber = redis?.GetSubscriber();
        _subscriber?.Subscribe(Channel, (channel, message) =>
        {
            var parts = message.ToString().Split('|', 2);
            if (parts.Length == 2 && parts[0] != _nodeId)
            {
                _ = RemoveLocallyAsync(parts[1], logger);
            }
        });
    }

    public async Task InvalidateCatalogAsync(CancellationToken cancellationToken = default)
    {
        await _cache.RemoveByTagAsync(CatalogCache.Catalog, cancellationToken);
        if (_subscriber is not null)
        {
            await _subscriber.PublishAsync(Channel, $"{_nodeId}|{CatalogCache.Catalog}");
        }
    }

    private async Task RemoveLocallyAsync(string tag, ILogger logger)
    {
        try
        {
            await _cache.RemoveByTagAsync(tag);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not drop cached entries tagged {Tag} after another node's edit", tag);
        }
    }
}
