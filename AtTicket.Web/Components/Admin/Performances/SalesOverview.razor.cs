using AtTicket.Web.Live;

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>
/// Sold, held and remaining seats per grade with revenue, read from the seat rows, and read again
/// (at most once a second) whenever the live feed says this performance's seats changed.
/// </summary>
public partial class SalesOverview(
    CatalogReader catalog, SalesReader sales, TimeProvider time, LiveSnapshotReader snapshots, SeatFeed feed) : IDisposable
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

    protected override async Task OnParametersSetAsync()
    {
        _live?.Dispose();
        _live = null;
        _performance = await catalog.GetPerformanceAsync(Id, includeUnpublished: true);
        _missing = _performance is null;
        if (!_missing)
        {
            var sequence = await snapshots.CurrentSequenceAsync(Id);
            await RefreshAsync();
            if (!_disposed) // left while loading: subscribing now would never be undone
            {
                _live = new LiveSeatSubscription(feed, Id, sequence, _ => InvokeAsync(RefreshAndRenderAsync), ReloadAsync, time, LiveInterval);
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
        var sequence = await snapshots.CurrentSequenceAsync(Id);
        await InvokeAsync(RefreshAndRenderAsync);
        return sequence;
    }

    private async Task RefreshAsync()
    {
        _busy = true;
        try
        {
            _sales = await sales.GetAsync(Id);
            _readAt = time.GetUtcNow();
            _missing = _sales is null;
        }
        finally
        {
            _busy = false;
        }
    }
}
