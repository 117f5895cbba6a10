using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Catalog;

/// <summary>Read-only queries for the home page. Catalog data only: never seat states.</summary>
public sealed class HomeCatalogReader(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<UpcomingProduct>> GetUpcomingAsync(int maxProducts, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var performances = await db.Performances
            .AsNoTracking()
            .Where(p => p.StartsAt > now && p.Status == PerformanceStatus.OnSale && p.Product!.Status == ProductStatus.OnSale)
            .Select(p => new
            {
                p.ProductId,
                p.Product!.Title,
                p.Product.Category,
                p.Product.PosterUrl,
                p.StartsAt,
                Venue = p.Hall!.Venue!.Name,
                MinPrice = p.Grades.Min(g => (long?)g.Price),
            })
            .ToListAsync(cancellationToken);

        return performances
            .GroupBy(p => p.ProductId)
            .Select(g => new UpcomingProduct(
                g.Key,
                g.First().Title,
                g.First().Category,
                g.First().PosterUrl,
                g.Min(p => p.StartsAt),
                g.Count(),
                [.. g.Select(p => p.Venue).Distinct().Order()],
                g.Min(p => p.MinPrice)))
            .OrderBy(p => p.NextPerformanceAt)
            .Take(maxProducts)
            .ToList();
    }
}
