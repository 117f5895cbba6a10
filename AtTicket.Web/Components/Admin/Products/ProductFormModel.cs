namespace AtTicket.Web.Components.Admin.Products;

/// <summary>
/// What the product form edits: text as typed, and the sale period as dates and times on the
/// Korean clock (the admins' clock, whatever the server's time zone).
/// </summary>
public sealed class ProductFormModel
{
    public const int MaxRunningMinutes = 24 * 60;
    public const int DefaultSaleDays = 30;

    public string Title { get; set; } = string.Empty;
    public ProductCategory Category { get; set; } = ProductCategory.Concert;
    public string Description { get; set; } = string.Empty;
    public string TitleKo { get; set; } = string.Empty;
    public string DescriptionKo { get; set; } = string.Empty;
    public int? RunningMinutes { get; set; }
    public string? AgeRating { get; set; }
    public DateTime? SalesStartDate { get; set; }
    public TimeSpan? SalesStartTime { get; set; }
    public DateTime? SalesEndDate { get; set; }
    public TimeSpan? SalesEndTime { get; set; }
    public ProductStatus Status { get; set; } = ProductStatus.Draft;
    public string? PosterUrl { get; set; }

    public DateTimeOffset? SalesStart => KoreaTime(SalesStartDate, SalesStartTime);
    public DateTimeOffset? SalesEnd => KoreaTime(SalesEndDate, SalesEndTime);

    /// <summary>A draft whose sale opens this hour (Korea time) and runs for 30 days.</summary>
    public static ProductFormModel New(DateTimeOffset now)
    {
        var local = now.ToOffset(Formats.Kst);
        var hour = TimeSpan.FromHours(local.Hour);
        return new ProductFormModel
        {
            SalesStartDate = Unspecified(local.Date),
            SalesStartTime = hour,
            SalesEndDate = Unspecified(local.Date.AddDays(DefaultSaleDays)),
            SalesEndTime = hour,
        };
    }

    public static ProductFormModel From(Product product)
    {
        var start = product.SalesStart.ToOffset(Formats.Kst);
        var end = product.SalesEnd.ToOffset(Formats.Kst);
        return new ProductFormModel
        {
            Title = product.Title,
            Category = product.Category,
            Description = product.Description,
            TitleKo = product.TitleKo,
            DescriptionKo = product.DescriptionKo,
            RunningMinutes = product.RunningMinutes,
            AgeRating = product.AgeRating,
            SalesStartDate = Unspecified(start.Date),
            SalesStartTime = start.TimeOfDay,
            SalesEndDate = Unspecified(end.Date),
            SalesEndTime = end.TimeOfDay,
            Status = product.Status,
            PosterUrl = product.PosterUrl,
        };
    }

    /// <summary>The statuses the form offers: the saved one and the moves the product may make from it.</summary>
    public static IReadOnlyList<ProductStatus> StatusChoices(ProductStatus? saved) => saved switch
    {
        ProductStatus.OnSale => [ProductStatus.OnSale, ProductStatus.Closed],
        ProductStatus.Closed => [ProductStatus.Closed, ProductStatus.OnSale],
        _ => [ProductStatus.Draft, ProductStatus.OnSale],
    };

    /// <summary>Call only after the form validated, so every required value is there.</summary>
    public ProductInput ToInput() => new(
        new(
            Title,
            Category,
            Description,
            RunningMinutes ?? 0,
            AgeRating ?? string.Empty,
            SalesStart ?? throw new InvalidOperationException("The sale start is missing."),
            SalesEnd ?? throw new InvalidOperationException("The sale end is missing.")),
        Status,
        PosterUrl,
        TitleKo ?? string.Empty, // an emptied field clears the Korean text (null would keep it)
        DescriptionKo ?? string.Empty);

    /// <summary>
    /// The instant a date and a time on the Korean clock name; null until both are there, and for a day outside
    /// the platform's window (typed as 0001-01-01, it would have no instant at all; the form names the problem).
    /// </summary>
    public static DateTimeOffset? KoreaTime(DateTime? date, TimeSpan? time) =>
        date is { } day && time is { } clock && DateWindow.Contains(new DateTimeOffset(Unspecified(day.Date), TimeSpan.Zero))
            ? new DateTimeOffset(Unspecified(day.Date + clock), Formats.Kst)
            : null;

    private static DateTime Unspecified(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
}
