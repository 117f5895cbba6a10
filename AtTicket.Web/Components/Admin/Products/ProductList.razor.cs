namespace AtTicket.Web.Components.Admin.Products;

/// <summary>Every product, drafts included, a page at a time from the catalog reader.</summary>
public partial class ProductList(CatalogReader catalog, IDialogService dialogs, ISnackbar snackbar)
{
    private MudDataGrid<ProductSummary> _grid = default!;
    private string? _search;
    private ProductCategory? _category;
    private ProductStatus? _status;

    private bool HasFilters => _search is not null || _category is not null || _status is not null;

    private async Task<GridData<ProductSummary>> LoadAsync(GridState<ProductSummary> state, CancellationToken cancellationToken)
    {
        var query = new ProductQuery(_category, _search, Status: _status, Page: state.Page + 1, PageSize: state.PageSize, IncludeUnpublished: true);
        var page = await catalog.SearchProductsAsync(query, cancellationToken);
        return new GridData<ProductSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task SearchChanged(string? search)
    {
        _search = DataGridPaging.SearchTerm(search);
        return _grid.ReloadFromFirstPageAsync();
    }

    private Task CategoryChanged(ProductCategory? category)
    {
        _category = category;
        return _grid.ReloadFromFirstPageAsync();
    }

    private Task StatusChanged(ProductStatus? status)
    {
        _status = status;
        return _grid.ReloadFromFirstPageAsync();
    }

    private Task ClearFiltersAsync()
    {
        (_search, _category, _status) = (null, null, null);
        return _grid.ReloadFromFirstPageAsync();
    }

    private async Task ConfirmDeleteAsync(ProductSummary product)
    {
        var parameters = new DialogParameters<DeleteProductDialog> { { d => d.Product, product } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<DeleteProductDialog>(L["Delete {0}?", product.Title], parameters, options);
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: ProductRemoval removal })
        {
            return;
        }

        switch (removal)
        {
            case ProductRemoval.Deleted:
                snackbar.Add(L["Deleted {0}.", product.Title], Severity.Success);
                break;
            case ProductRemoval.Closed:
                snackbar.Add(L["Sales for {0} are closed.", product.Title], Severity.Success);
                break;
            default:
                snackbar.Add(L["{0} had already been deleted.", product.Title], Severity.Warning);
                break;
        }

        await _grid.ReloadServerData();
    }

    private static string When(DateTimeOffset? instant) => instant is { } value ? Formats.DateTime(value) : "—";
}
