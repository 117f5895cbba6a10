using AtTicket.Web.Live;

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>
/// Sold, held and remaining seats per grade with revenue, read from the seat rows, and read again
/// (at most once a second) whenever the live feed says this performance's seats changed.
/// </summary>
public partial class SalesOverview : IDisposable
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);
    private LiveSeatSubscription? _live;
    private bool _disposed;
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

    [Inject]
    private LiveSnapshotReader Snapshots { get; set; } = default!;

    [Inject]
    private SeatFeed Feed { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _live?.Dispose();
        _live = null;
        _performance = await Catalog.GetPerformanceAsync(Id, includeUnpublished: true);
        _missing = _performance is null;
        if (!_missing)
        {
            var sequence = await Snapshots.CurrentSequenceAsync(Id);
            await RefreshAsync();
            if (!_disposed) // left while loading: subscribing now would never be undone
            {
                _live = new LiveSeatSubscription(Feed, Id, sequence, _ => InvokeAsync(RefreshAndRenderAsync), ReloadAsync, Time, LiveInterval);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _live?.Dispose();
    }

    private async Task RefreshAndRenderAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    private async Task<long> ReloadAsync()
    {
        var sequence = await Snapshots.CurrentSequenceAsync(Id);
        await InvokeAsync(RefreshAndRenderAsync);
        return sequence;
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
