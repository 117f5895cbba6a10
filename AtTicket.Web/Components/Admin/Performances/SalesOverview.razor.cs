using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using Microsoft.AspNetCore.Components;

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>Sold, held and remaining seats per grade with revenue, read live from the seat rows on demand.</summary>
public partial class SalesOverview
{
    private PerformanceView? _performance;
    private PerformanceSales? _sales;
    private DateTimeOffset _readAt;
    private bool _missing;
    private bool _busy;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private CatalogReader Catalog { get; set; } = default!;

    [Inject]
    private SalesReader Sales { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _performance = await Catalog.GetPerformanceAsync(Id, includeUnpublished: true);
        _missing = _performance is null;
        if (!_missing)
        {
            await RefreshAsync();
        }
    }

    private async Task RefreshAsync()
    {
        _busy = true;
        try
        {
            _sales = await Sales.GetAsync(Id);
            _readAt = Time.GetUtcNow();
            _missing = _sales is null;
        }
        finally
        {
            _busy = false;
        }
    }
}
