namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>What every subscriber's alert says about the product, read once per bus message.</summary>
public sealed record OnSaleAlert(
    int ProductId,
    string Title,
    ProductCategory Category,
    DateTimeOffset? FirstPerformanceAt,
    DateTimeOffset? LastPerformanceAt,
    IReadOnlyList<string> Venues,
    long? LowestPrice,
    long? HighestPrice)
{
    /// <summary>From the product as customers see it: only its bookable performances count.</summary>
    public static OnSaleAlert From(ProductDetail product)
    {
        var prices = product.Performances.SelectMany(p => p.Grades).Select(g => g.Price).ToList();
        return new OnSaleAlert(
            product.Summary.Id,
            product.Summary.Title,
            product.Summary.Category,
            product.Summary.FirstPerformanceAt,
            product.Summary.LastPerformanceAt,
            product.Summary.VenueNames,
            prices.Count == 0 ? null : prices.Min(),
            prices.Count == 0 ? null : prices.Max());
    }
}
