using AtTicket.Domain.Live;
using AtTicket.Web.Live;
using Microsoft.AspNetCore.Components.Authorization;

namespace AtTicket.Web.Components.Catalog;

public partial class ProductPage(
    CatalogReader catalog, NavigationManager navigation, LiveSnapshotReader snapshots, SeatFeed feed, TimeProvider time) : IDisposable
{
    private readonly List<LiveSeatSubscription> _live = [];
    private bool _disposed;
    private ProductDetail? _product;
    private Dictionary<int, IReadOnlyList<GradeAvailability>> _remaining = [];
    private IReadOnlyList<DateOnly> _days = [];
    private DateOnly _day;

    /// <summary>Where the upcoming performances take place, each venue once with its address.</summary>
    private IReadOnlyList<VenueRef> Venues => _product is null ? [] : [.. _product.Performances.Select(p => p.Venue).DistinctBy(v => v.Id)];

    [Parameter]
    public int Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _product = await catalog.GetProductAsync(Id, includeUnpublished: user.IsInRole(Roles.Admin));
        if (_product is null)
        {
            navigation.NotFound();
            return;
        }

        _days = [.. _product.Performances.Select(p => DayOf(p)).Distinct().Order()];
        if (!_days.Contains(_day))
        {
            _day = _days.Count > 0 ? _days[0] : default;
        }

        // Remaining seats for every listed performance from this node's live state (never the catalog
        // cache), each with the number of the last change it includes; the live feed fills in the rest.
        StopListening();
        var remaining = await Task.WhenAll(_product.Performances.Select(async p => (p.Id, Live: await snapshots.ReadRemainingAsync(p.Id))));
        var sequences = remaining.ToDictionary(r => r.Id, r => r.Live.Sequence);
        _remaining = remaining.ToDictionary(r => r.Id, r => r.Live.Grades);
        if (!_disposed) // left while loading: subscribing now would never be undone
        {
            _live.AddRange(sequences.Select(p => new LiveSeatSubscription(feed, p.Key, p.Value, changes => ApplyAsync(p.Key, changes), () => ReloadAsync(p.Key), time)));
        }
    }

    /// <summary>The days the product plays on, in Korea, where it plays; with more than one, a strip of days picks the day first.</summary>
    private IReadOnlyList<DateOnly> Days => _days;

    private DateOnly Day => _day;

    private IEnumerable<PerformanceView> PerformancesOfDay =>
        _days.Count > 1 ? _product!.Performances.Where(p => DayOf(p) == Day) : _product!.Performances;

    private static DateOnly DayOf(PerformanceView performance) => DateOnly.FromDateTime(performance.StartsAt.ToOffset(Formats.Kst).DateTime);

    public void Dispose()
    {
        _disposed = true;
        StopListening();
    }

    private void StopListening()
    {
        _live.ForEach(l => l.Dispose());
        _live.Clear();
    }

    private Task ApplyAsync(int performanceId, IReadOnlyList<SeatsChanged> changes) => InvokeAsync(() =>
    {
        var latest = changes[^1].Grades.ToDictionary(g => g.GradeId, g => g.Remaining);
        _remaining[performanceId] = [.. RemainingFor(performanceId).Select(g => g with { Remaining = latest.GetValueOrDefault(g.GradeId, g.Remaining) })];
        StateHasChanged();
    });

    private async Task<long> ReloadAsync(int performanceId)
    {
        var (sequence, grades) = await snapshots.ReadRemainingAsync(performanceId);
        await InvokeAsync(() =>
        {
            _remaining[performanceId] = grades;
            StateHasChanged();
        });
        return sequence;
    }

    private IReadOnlyList<GradeAvailability> RemainingFor(int performanceId) => _remaining.GetValueOrDefault(performanceId) ?? [];
}
