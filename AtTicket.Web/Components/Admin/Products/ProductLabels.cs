namespace AtTicket.Web.Components.Admin.Products;

/// <summary>How categories, statuses and age ratings read on the admin product pages.</summary>
public static class ProductLabels
{
    /// <summary>Korean performance ratings; "All" is for every age.</summary>
    public static readonly IReadOnlyList<string> AgeRatings = ["All", "8+", "12+", "15+", "19+"];

    public static string Category(IStringLocalizer<SharedResource> l, ProductCategory category) => l[category.ToString()];

    public static string Status(IStringLocalizer<SharedResource> l, ProductStatus status) => status switch
    {
        ProductStatus.OnSale => l["On sale"],
        ProductStatus.Closed => l["Closed"],
        _ => l["Draft"],
    };

    public static Color StatusColor(ProductStatus status) => status switch
    {
        ProductStatus.OnSale => Color.Success,
        ProductStatus.Closed => Color.Default,
        _ => Color.Warning,
    };

    public static string AgeRating(IStringLocalizer<SharedResource> l, string rating) => rating == "All" ? l["All ages"] : rating;
}
