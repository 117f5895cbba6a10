namespace AtTicket.Web.Components.Catalog;

/// <summary>The filters live in the query string, so a search can be shared, bookmarked and navigated back to.</summary>
public partial class Browse(CatalogReader catalog, NavigationManager navigation)
{
    private const int PageSize = 12;
    private Page<ProductSummary>? _page;
    private IReadOnlyList<VenueView> _venues = [];
    private DateRange? _dates;

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    [SupplyParameterFromQuery(Name = "category")]
    public string? Category { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "venue")]
    public string? VenueQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortQuery { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public string? PageQuery { get; set; }

    private int? Venue => QueryValues.Positive(VenueQuery);

    private ProductSort Sort => Enum.TryParse<ProductSort>(SortQuery, ignoreCase: true, out var sort) && Enum.IsDefined(sort) && !int.TryParse(SortQuery, out _)
        ? sort
        : ProductSort.Date;

    private int CurrentPage => QueryValues.Positive(PageQuery, CatalogReader.MaxPage) ?? 1;

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.TotalCount / (double)PageSize);

    protected override async Task OnInitializedAsync() => _venues = await catalog.GetVenuesAsync();

    protected override async Task OnParametersSetAsync()
    {
        var from = ParseDate(From);
        var to = ParseDate(To);
        _dates = from is null && to is null ? null : new DateRange(from, to);
        _page = await catalog.SearchProductsAsync(new ProductQuery(
            Category: Enum.TryParse<ProductCategory>(Category, ignoreCase: true, out var category) ? category : null,
            Search: Q,
            From: from is { } f ? new DateTimeOffset(f, Formats.Kst) : null,
            To: to is { } t ? new DateTimeOffset(t.AddDays(1), Formats.Kst) : null,
            VenueId: Venue,
            Page: CurrentPage,
            PageSize: PageSize,
            Sort: Sort));
    }

    private void OnSearchChanged(string? value) => Go(q: value ?? string.Empty);

    private void OnCategoryChanged(string? value) => Go(category: value ?? string.Empty);

    private void OnVenueChanged(int? value) => Go(venue: value ?? 0);

    private void OnPageChanged(int page) => Go(page: page);

    private void OnSortChanged(ProductSort sort) => Go(sort: sort);

    private void OnDatesChanged(DateRange? range) =>
        Go(from: range?.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
           to: range?.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty);

    private void ClearFilters() => navigation.NavigateTo("/products");

    /// <summary>Changes one filter and goes back to page 1 (unless the page itself changed).</summary>
    private void Go(string? q = null, string? category = null, string? from = null, string? to = null, int? venue = null, int? page = null, ProductSort? sort = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["q"] = Blank(q ?? Q),
            ["category"] = Blank(category ?? Category),
            ["from"] = Blank(from ?? From),
            ["to"] = Blank(to ?? To),
            ["venue"] = (venue ?? Venue) is > 0 and var v ? v : null,
            ["sort"] = (sort ?? Sort) is var order and not ProductSort.Date ? order.ToString().ToLowerInvariant() : null,
            ["page"] = page is > 1 ? page : null,
        };
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("/products", parameters));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A yyyy-MM-dd date inside the platform's window; anything else (0001-01-01, 9999-12-31) is ignored.</summary>
    private static DateTime? ParseDate(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && DateWindow.Contains(new DateTimeOffset(date, TimeSpan.Zero)) && DateWindow.Contains(new DateTimeOffset(date.AddDays(1), TimeSpan.Zero))
            ? date
            : null;
}
