using Microsoft.Extensions.Caching.Hybrid;

namespace AtTicket.Infrastructure.Catalog;

/// <summary>Catalog reads through HybridCache (memory, plus Redis when configured). Never seat states.</summary>
public sealed class CatalogReader(IDbContextFactory<AtTicketDbContext> contexts, HybridCache cache, TimeProvider time)
{
    private static readonly HybridCacheEntryOptions EntryOptions = new() { Expiration = CatalogCache.Lifetime, LocalCacheExpiration = CatalogCache.Lifetime };
    private static readonly string[] Tags = [CatalogCache.Catalog];

    public const int MaxPageSize = 100;

    /// <summary>The last page anyone can ask for: beyond it, skipping (page - 1) × pageSize rows would overflow.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public ValueTask<Page<ProductSummary>> SearchProductsAsync(ProductQuery query, CancellationToken cancellationToken = default)
    {
        query = query with { Page = Math.Clamp(query.Page, 1, MaxPage), PageSize = Math.Clamp(query.PageSize, 1, MaxPageSize), Search = query.Search?.Trim() };
        return cache.GetOrCreateAsync(
            CatalogCache.ProductList(query),
            (reader: this, query),
            static (state, ct) => new ValueTask<Page<ProductSummary>>(state.reader.LoadProductsAsync(state.query, ct)),
            EntryOptions,
            Tags,
            cancellationToken);
    }

    /// <summary>The product with its upcoming performances; null when missing or (for customers) not published.</summary>
    public async Task<ProductDetail?> GetProductAsync(int id, bool includeUnpublished, CancellationToken cancellationToken = default)
    {
        var product = await cache.GetOrCreateAsync(
            CatalogCache.Product(id),
            (reader: this, id),
            static (state, ct) => new ValueTask<ProductDetail?>(state.reader.LoadProductAsync(state.id, ct)),
            EntryOptions,
            Tags,
            cancellationToken);
        return Visible(product, includeUnpublished);
    }

    /// <summary>
    /// The product as customers see it, read from the database past the cache: a mail composed on a
    /// node whose cached copy still says "draft" would otherwise announce nothing.
    /// </summary>
    public async Task<ProductDetail?> GetPublishedProductUncachedAsync(int id, CancellationToken cancellationToken = default) =>
        Visible(await LoadProductAsync(id, cancellationToken), includeUnpublished: false);

    private ProductDetail? Visible(ProductDetail? product, bool includeUnpublished)
    {
        if (product is null || (!includeUnpublished && product.Summary.Status != ProductStatus.OnSale))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var bookable = product.Performances.Where(p => p.StartsAt > now && (includeUnpublished || p.Status == PerformanceStatus.OnSale)).ToList();
        return product with { Summary = Summarize(product.Summary, bookable), Performances = bookable };
    }

    public async Task<PerformanceView?> GetPerformanceAsync(int id, bool includeUnpublished, CancellationToken cancellationToken = default)
    {
        var performance = await cache.GetOrCreateAsync(
            CatalogCache.Performance(id),
            (contexts, id),
            static async (state, ct) =>
            {
                await using var db = await state.contexts.CreateDbContextAsync(ct);
                return (await ProjectPerformances(db.Performances.Where(p => p.Id == state.id)).ToListAsync(ct)).SingleOrDefault();
            },
            EntryOptions,
            Tags,
            cancellationToken);
        if (performance is null || includeUnpublished)
        {
            return performance;
        }

        // Customers see a performance only while it and its product are on sale.
        return performance.Status == PerformanceStatus.OnSale && await GetProductAsync(performance.ProductId, includeUnpublished: false, cancellationToken) is not null
            ? performance
            : null;
    }

    public ValueTask<IReadOnlyList<VenueView>> GetVenuesAsync(CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync(
            CatalogCache.Venues,
            contexts,
            static async (contexts, ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var venues = await db.Venues.AsNoTracking()
                    .OrderBy(v => v.Name)
                    .Select(v => new VenueView(
                        v.Id,
                        v.Name,
                        v.Address,
                        v.Halls.OrderBy(h => h.Name).Select(h => new HallSummary(h.Id, h.Name, h.Seats.Count, h.NameKo)).ToList(),
                        v.NameKo,
                        v.AddressKo))
                    .ToListAsync(ct);
                return (IReadOnlyList<VenueView>)venues;
            },
            EntryOptions,
            Tags,
            cancellationToken);

    public ValueTask<HallLayout?> GetHallLayoutAsync(int hallId, CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync(
            CatalogCache.Hall(hallId),
            (contexts, hallId),
            static async (state, ct) =>
            {
                await using var db = await state.contexts.CreateDbContextAsync(ct);
                var hall = await db.Halls.AsNoTracking()
                    .Where(h => h.Id == state.hallId)
                    .Select(h => new { h.Id, h.VenueId, VenueName = h.Venue!.Name, h.Name, h.NameKo })
                    .SingleOrDefaultAsync(ct);
                if (hall is null)
                {
                    return null;
                }

                var seats = await db.Seats.AsNoTracking()
                    .Where(s => s.HallId == state.hallId)
                    .OrderBy(s => s.Section).ThenBy(s => s.Y).ThenBy(s => s.X)
                    .Select(s => new SeatView(s.Id, s.Section, s.Row, s.Number, s.X, s.Y, s.Kind, s.SectionKo))
                    .ToListAsync(ct);
                var width = seats.Count == 0 ? 0 : seats.Max(s => s.X) + 1;
                var height = seats.Count == 0 ? 0 : seats.Max(s => s.Y) + 1;
                return new HallLayout(hall.Id, hall.VenueId, hall.VenueName, hall.Name, width, height, seats, hall.NameKo);
            },
            EntryOptions,
            Tags,
            cancellationToken);

    private async Task<Page<ProductSummary>> LoadProductsAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = db.Products.AsNoTracking();
        if (!query.IncludeUnpublished)
        {
            products = products.Where(p => p.Status == ProductStatus.OnSale);
        }
        else if (query.Status is { } status)
        {
            products = products.Where(p => p.Status == status);
        }

        if (query.Category is { } category)
        {
            products = products.Where(p => p.Category == category);
        }

        if (!string.IsNullOrEmpty(query.Search))
        {
            var pattern = "%" + query.Search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // The title in either language, or a venue (in either language) where it plays.
            products = products.Where(p =>
                EF.Functions.Like(p.Title, pattern, "\\")
                || EF.Functions.Like(p.TitleKo, pattern, "\\")
                || db.Performances.Any(f => f.ProductId == p.Id
                    && (EF.Functions.Like(f.Hall!.Venue!.Name, pattern, "\\") || EF.Functions.Like(f.Hall.Venue.NameKo, pattern, "\\"))));
        }

        if (query.From is not null || query.To is not null || query.VenueId is not null)
        {
            var from = query.From ?? now;
            var to = query.To ?? DateTimeOffset.MaxValue;
            var venueId = query.VenueId;
            var includeUnpublished = query.IncludeUnpublished;
            products = products.Where(p => db.Performances.Any(f =>
                f.ProductId == p.Id && f.StartsAt >= from && f.StartsAt < to && (venueId == null || f.Hall!.VenueId == venueId)
                && (includeUnpublished || f.Status == PerformanceStatus.OnSale)));
        }

        var total = await products.CountAsync(cancellationToken);

        var rows = products
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.TitleKo,
                p.Category,
                p.PosterUrl,
                p.Status,
                Next = db.Performances
                    .Where(f => f.ProductId == p.Id && f.StartsAt > now && (query.IncludeUnpublished || f.Status == PerformanceStatus.OnSale))
                    .Min(f => (DateTimeOffset?)f.StartsAt),
            });

        // Each order ends with the soonest next performance first; products with nothing coming up go last.
        var ordered = query.Sort switch
        {
            ProductSort.Price => rows
                .OrderBy(p => db.Performances
                    .Where(f => f.ProductId == p.Id && f.StartsAt > now && (query.IncludeUnpublished || f.Status == PerformanceStatus.OnSale))
                    .SelectMany(f => f.Grades)
                    .Min(g => (long?)g.Price) ?? long.MaxValue)
                .ThenBy(p => p.Next == null),
            ProductSort.Popularity => rows
                .OrderByDescending(p => db.PerformanceSeats.Count(s =>
                    s.Status == SeatStatus.Sold && db.Performances.Any(f => f.Id == s.PerformanceId && f.ProductId == p.Id)))
                .ThenBy(p => p.Next == null),
            _ => rows.OrderBy(p => p.Next == null),
        };
        var page = await ordered
            .ThenBy(p => p.Next)
            .ThenBy(p => p.Title)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);

        var ids = page.Select(p => p.Id).ToList();
        var schedule = (await db.Performances.AsNoTracking()
                .Where(f => ids.Contains(f.ProductId) && f.StartsAt > now && (query.IncludeUnpublished || f.Status == PerformanceStatus.OnSale))
                .Select(f => new { f.ProductId, f.StartsAt, Venue = f.Hall!.Venue!.Name, VenueKo = f.Hall.Venue.NameKo, MinPrice = f.Grades.Min(g => (long?)g.Price) })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.ProductId);

        var items = page
            .Select(p =>
            {
                var shows = schedule[p.Id].ToList();
                var venues = shows.DistinctBy(s => s.Venue).OrderBy(s => s.Venue).ToList();
                return new ProductSummary(
                    p.Id,
                    p.Title,
                    p.Category,
                    p.PosterUrl,
                    p.Status,
                    shows.Count == 0 ? null : shows.Min(s => s.StartsAt),
                    shows.Count == 0 ? null : shows.Max(s => s.StartsAt),
                    shows.Min(s => s.MinPrice),
                    [.. venues.Select(s => s.Venue)],
                    p.TitleKo,
                    [.. venues.Select(s => s.VenueKo)]);
            })
            .ToList();
        return new Page<ProductSummary>(items, query.Page, query.PageSize, total);
    }

    private async Task<ProductDetail?> LoadProductAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return null;
        }

        var performances = await ProjectPerformances(db.Performances.Where(p => p.ProductId == id)).ToListAsync(cancellationToken);
        performances = [.. performances.OrderBy(p => p.StartsAt)];
        var summary = Summarize(
            new ProductSummary(product.Id, product.Title, product.Category, product.PosterUrl, product.Status, null, null, null, [], product.TitleKo),
            performances);
        return new ProductDetail(
            summary,
            product.Description,
            product.RunningMinutes,
            product.AgeRating,
            product.SalesStart,
            product.SalesEnd,
            performances,
            product.DescriptionKo);
    }

    /// <summary>Dates, lowest price and venues from the given performances only.</summary>
    private static ProductSummary Summarize(ProductSummary product, IReadOnlyList<PerformanceView> performances)
    {
        var venues = performances.Select(p => p.Venue).DistinctBy(v => v.Id).OrderBy(v => v.Name).ToList();
        return product with
        {
            FirstPerformanceAt = performances.Count == 0 ? null : performances.Min(p => p.StartsAt),
            LastPerformanceAt = performances.Count == 0 ? null : performances.Max(p => p.StartsAt),
            MinPrice = performances.SelectMany(p => p.Grades).Min(g => (long?)g.Price),
            VenueNames = [.. venues.Select(v => v.Name)],
            VenueNamesKo = [.. venues.Select(v => v.NameKo)],
        };
    }

    private static IQueryable<PerformanceView> ProjectPerformances(IQueryable<Performance> performances) =>
        performances.AsNoTracking().Select(p => new PerformanceView(
            p.Id,
            p.ProductId,
            p.Product!.Title,
            p.Product.Category,
            p.StartsAt,
            new VenueRef(p.Hall!.VenueId, p.Hall.Venue!.Name, p.Hall.Venue.NameKo, p.Hall.Venue.Address, p.Hall.Venue.AddressKo),
            new NamedRef(p.HallId, p.Hall.Name, p.Hall.NameKo),
            p.Status,
            p.Grades.OrderByDescending(g => g.Price).Select(g => new GradeView(g.Id, g.Name, g.Price, g.Color)).ToList(),
            p.Product.TitleKo));
}
