using Microsoft.Extensions.Caching.Hybrid;
using AtTicket.Infrastructure.Redis;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Catalog;

/// <summary>
/// Drops cached catalog reads after an admin edit, on every node. HybridCache's tag removal reaches
/// this node's memory and the shared Redis L2, but not other nodes' memory; so, with Redis, the
/// removal is also announced on a channel, and every node (listening from start-up, as a hosted
/// service) repeats it locally.
/// </summary>
public sealed class CatalogCacheInvalidator : IHostedService
{
    private readonly HybridCache _cache;
    private readonly ILogger<CatalogCacheInvalidator> _logger;
    private readonly NodeAnnouncements? _announcements;

    public CatalogCacheInvalidator(HybridCache cache, ILogger<CatalogCacheInvalidator> logger, IConnectionMultiplexer? redis = null)
    {
        (_cache, _logger) = (cache, logger);
        _announcements = redis is null
            ? null
            : new NodeAnnouncements(redis, "atticket:cache:invalidate", "catalog edits", tag => _ = RemoveLocallyAsync(tag), logger);
    }

    public async Task InvalidateCatalogAsync(CancellationToken cancellationToken = default)
    {
        await _cache.RemoveByTagAsync(CatalogCache.Catalog, cancellationToken);
        if (_announcements is not null)
        {
            await _announcements.AnnounceAsync(CatalogCache.Catalog);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _announcements?.StartListening();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _announcements?.StopAsync() ?? Task.CompletedTask;

    private async Task RemoveLocallyAsync(string tag)
    {
        try
        {
            await _cache.RemoveByTagAsync(tag);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Could not drop cached entries tagged {Tag} after another node's edit", tag);
        }
    }
}
