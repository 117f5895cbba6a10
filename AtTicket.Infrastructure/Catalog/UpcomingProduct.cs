using AtTicket.Domain.Catalog;

namespace AtTicket.Infrastructure.Catalog;

/// <summary>A product on sale with the performances still to come, for the home page.</summary>
public sealed record UpcomingProduct(
    int Id,
    string Title,
    ProductCategory Category,
    string? PosterUrl,
    DateTimeOffset NextPerformanceAt,
    int PerformanceCount,
    IReadOnlyList<string> VenueNames,
    long? MinPrice);
