namespace AtTicket.Infrastructure.Catalog;

/// <summary>
/// Cache keys and tags for catalog reads. Every admin edit of catalog data removes the tag
/// <see cref="Catalog"/>: coarse, but a customer never sees a stale price or a deleted performance.
/// Seat states and remaining counts are never cached.
/// </summary>
public static class CatalogCache
{
    public const string Catalog = "catalog";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string ProductList(ProductQuery query) =>
        $"products:{query.Category}:{query.Search}:{query.From?.UtcTicks}:{query.To?.UtcTicks}:{query.VenueId}:{query.Status}:{query.Page}:{query.PageSize}:{query.IncludeUnpublished}:{query.Sort}";

    public static string Product(int id) => $"product:{id}";

    public static string Performance(int id) => $"performance:{id}";

    public static string Hall(int id) => $"hall:{id}";

    public const string Venues = "venues";
}
