namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>Schedules one performance or a series in a hall, with its grades painted on the seat map.</summary>
public partial class SchedulePerformance(
    CatalogReader catalog, PerformanceAdminService performances, TimeProvider time, NavigationManager navigation, ISnackbar snackbar)
{
    private readonly SchedulePlan _plan = new();
    private IReadOnlyList<ProductSummary>? _products;
    private IReadOnlyList<VenueView>? _venues;
    private GradePainter? _painter;
    private bool _busy;
    private string? _error;

    [SupplyParameterFromQuery(Name = "productId")]
    public string? ProductIdQuery { get; set; }

    [SupplyParameterFromQuery(Name = "hallId")]
    public string? HallIdQuery { get; set; }

    private int? ProductId { get; set; }

    private int? HallId { get; set; }

    private string BackLink => ProductId is { } id ? $"/admin/performances?productId={id}" : "/admin/performances";

    private ProductCategory Category => _products?.FirstOrDefault(p => p.Id == ProductId)?.Category ?? ProductCategory.Concert;

    private string? CreateBlocker =>
        ProductId is null ? L["Choose a product."].Value
        : HallId is null || _painter is null ? L["Choose a hall."].Value
        : _plan.Problem is { } when ? L[when].Value
        : _painter.Problem is { } grades ? L[grades].Value
        : null;

    private string? SaleBlocker =>
        CreateBlocker ?? SaleReadiness.Blocker(L, _painter!.UnassignedCount, _products?.FirstOrDefault(p => p.Id == ProductId)?.Status);

    protected override async Task OnInitializedAsync()
    {
        _plan.From = time.GetUtcNow().ToOffset(Formats.Kst).Date.AddDays(1);
        var products = await catalog.SearchProductsAsync(new ProductQuery(IncludeUnpublished: true, PageSize: CatalogReader.MaxPageSize));
        _products = products.Items;
        _venues = await catalog.GetVenuesAsync();
        ProductId = QueryValues.Positive(ProductIdQuery);
        if (QueryValues.Positive(HallIdQuery) is { } hallId)
        {
            await ChooseHallAsync(hallId);
        }
    }

    private Task ChooseProductAsync(int? productId)
    {
        var before = Category;
        ProductId = productId;

        // Fresh defaults for the new kind of product, as long as nothing has been painted yet.
        if (_painter is not null && before != Category && _painter.UnassignedCount == _painter.Seats.Count)
        {
            _painter = new GradePainter(_painter.Seats, GradeDefaults.For(Category));
        }

        return Task.CompletedTask;
    }

    private async Task ChooseHallAsync(int? hallId)
    {
        HallId = hallId;
        _painter = null;
        if (hallId is not { } id || await catalog.GetHallLayoutAsync(id) is not { } layout)
        {
            HallId = null;
            return;
        }

        _painter = new GradePainter(layout.Seats, GradeDefaults.For(Category));
    }

    private async Task CreateAsync(bool putOnSale)
    {
        _busy = true;
        _error = null;
        try
        {
            var ids = await performances.ScheduleAsync(ProductId!.Value, HallId!.Value, _plan.StartTimes(), _painter!.ToPlan(), requireEverySeat: putOnSale);
            if (ids is null)
            {
                _error = L["The product or the hall no longer exists."];
                return;
            }

            if (putOnSale)
            {
                foreach (var id in ids)
                {
                    await performances.PutOnSaleAsync(id);
                }
            }

            snackbar.Add(L.Count(ids.Count, "{0} performance scheduled.", "{0} performances scheduled."), Severity.Success);
            navigation.NavigateTo($"/admin/performances?productId={ProductId}");
        }
        catch (DomainException e)
        {
            _error = L.Localize(e);
        }
        finally
        {
            _busy = false;
        }
    }
}
