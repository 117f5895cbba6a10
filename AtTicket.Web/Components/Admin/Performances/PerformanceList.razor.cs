namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>Performances grouped by product: choose a product, see its upcoming performances and how they sell.</summary>
public partial class PerformanceList(
    CatalogReader catalog, SalesReader sales, PerformanceAdminService performances,
    IDialogService dialogs, ISnackbar snackbar, NavigationManager navigation)
{
    private IReadOnlyList<ProductSummary>? _products;
    private IReadOnlyList<PerformanceRow>? _rows;

    [SupplyParameterFromQuery(Name = "productId")]
    public string? ProductIdQuery { get; set; }

    private int? ProductId { get; set; }

    private string NewLink => ProductId is { } id ? $"/admin/performances/new?productId={id}" : "/admin/performances/new";

    protected override async Task OnParametersSetAsync()
    {
        // Products with the soonest performance first; those with nothing scheduled at the end.
        _products ??= (await catalog.SearchProductsAsync(new ProductQuery(IncludeUnpublished: true, PageSize: CatalogReader.MaxPageSize))).Items
            .OrderBy(p => p.FirstPerformanceAt ?? DateTimeOffset.MaxValue)
            .ThenBy(p => p.Title)
            .ToList();
        ProductId = QueryValues.Positive(ProductIdQuery);
        if (_products.Count > 0 && (ProductId is null || _products.All(p => p.Id != ProductId)))
        {
            ProductId = _products[0].Id;
        }

        await LoadRowsAsync();
    }

    private string ProductText(ProductSummary product)
    {
        var category = product.Category switch
        {
            ProductCategory.Concert => L["Concert"],
            ProductCategory.Musical => L["Musical"],
            _ => L["Movie"],
        };
        var next = product.FirstPerformanceAt is { } first ? L["next {0}", Formats.Date(first)] : L["nothing scheduled"];
        return $"{product.Title} · {category} · {next}";
    }

    private void ChooseProduct(int? productId) => navigation.NavigateTo($"/admin/performances?productId={productId}");

    private async Task LoadRowsAsync()
    {
        _rows = null;
        if (ProductId is not { } productId || await catalog.GetProductAsync(productId, includeUnpublished: true) is not { } product)
        {
            _rows = [];
            return;
        }

        var rows = new List<PerformanceRow>();
        foreach (var performance in product.Performances)
        {
            rows.Add(new PerformanceRow(performance, await sales.GetAsync(performance.Id)));
        }

        _rows = rows;
    }

    private async Task DeleteAsync(PerformanceView performance)
    {
        var when = Formats.DateTime(performance.StartsAt);
        var confirmed = await dialogs.ConfirmAsync(
            L["Delete this performance?"],
            L["{0} at {1}, {2} will be deleted with its grades and seat mapping. This cannot be undone.", performance.ProductTitle, performance.Hall.Name, when],
            yes: L["Delete"],
            cancel: L["Cancel"]);
        if (!confirmed)
        {
            return;
        }

        var result = await performances.DeleteAsync(performance.Id);
        if (result.Outcome == ChangeOutcome.SeatsLocked)
        {
            var reason = result.LockedSeatIds.Count > 0
                ? L["{0} seats of this performance are held or sold. Customers keep their tickets, so it cannot be deleted.", result.LockedSeatIds.Count]
                : L["This performance has bookings (even cancelled ones are kept for the records), so it cannot be deleted."];
            await dialogs.ShowMessageBoxAsync(L["This performance cannot be deleted"], reason, yesText: L["OK"]);
            return;
        }

        snackbar.Add(result.Outcome == ChangeOutcome.Done ? L["Performance deleted."] : L["The performance was already gone."], Severity.Info);
        await LoadRowsAsync();
    }
}
