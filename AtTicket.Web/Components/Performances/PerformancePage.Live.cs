using AtTicket.Domain.Live;
using AtTicket.Web.Live;

namespace AtTicket.Web.Components.Performances;

/// <summary>
/// The seat map follows the live feed: seats change colour as others hold, buy or release them, the
/// remaining counts follow, and a seat the member had picked that someone else took is dropped from
/// the selection and flagged.
/// </summary>
public partial class PerformancePage : IDisposable
{
    private LiveSeatSubscription? _live;
    private HashSet<int> _justTaken = [];
    private bool _disposed;

    public void Dispose()
    {
        _disposed = true;
        _live?.Dispose();
    }

    /// <summary>
    /// Starts following the feed from the seats just read (a change between the read and this, the
    /// subscription catches through the feed and reloads). A prerendered page is disposed at once,
    /// and its subscription with it.
    /// </summary>
    private void Listen(long sequence)
    {
        _live?.Dispose();
        _live = _disposed ? null : new LiveSeatSubscription(feed, Id, sequence, ApplyLiveAsync, ReloadLiveAsync, time);
    }

    private Task ApplyLiveAsync(IReadOnlyList<SeatsChanged> changes) => InvokeAsync(() =>
    {
        var taken = Selection.Apply(changes.SelectMany(c => c.Seats), holdingNow: _busy);

        var remaining = changes[^1].Grades.ToDictionary(g => g.GradeId, g => g.Remaining);
        _remaining = [.. _remaining.Select(g => g with { Remaining = remaining.GetValueOrDefault(g.GradeId, g.Remaining) })];
        if (taken.Count > 0)
        {
            _justTaken = [.. taken];
            _notice = L.Count(
                taken.Count,
                "Just taken by someone else: {1}. Choose another seat.",
                "Just taken by someone else: {1}. Choose other seats.",
                string.Join(", ", taken.Select(id => Label(Selection.Seat(id)))));
        }

        StateHasChanged();
    });

    private async Task<long> ReloadLiveAsync()
    {
        long sequence = 0;
        await InvokeAsync(async () =>
        {
            sequence = await ReloadSeatsAsync();
            StateHasChanged();
        });
        return sequence;
    }
}
