using AtTicket.Domain.Live;

namespace AtTicket.Web.Live;

/// <summary>
/// Connects one component to the seat feed of one performance. Changes are applied in sequence order
/// and in batches, at most one batch per <see cref="Interval"/>, so a flash sale renders a few times a
/// second however many seats change. A change that arrives early waits for the ones before it; a gap
/// that lasts a whole interval, or a reconnect of the bus, reloads a snapshot instead. Dispose it with
/// the component: the feed then forgets it.
/// </summary>
public sealed class LiveSeatSubscription : ISeatFeedListener, IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, (SeatsChanged Change, DateTimeOffset ArrivedAt)> _waiting = [];
    private readonly Func<IReadOnlyList<SeatsChanged>, Task> _apply;
    private readonly Func<Task<long>> _reload;
    private readonly TimeProvider _time;
    private IDisposable? _subscription;
    private long _sequence;
    private bool _reloadRequested;
    private bool _flushScheduled;
    private bool _disposed;

    /// <param name="sequence">The sequence of the snapshot the component shows now.</param>
    /// <param name="apply">Applies a batch of changes (in order) and renders; called off the renderer's thread, so wrap it in InvokeAsync.</param>
    /// <param name="reload">Loads a fresh snapshot, renders, and returns its sequence.</param>
    public LiveSeatSubscription(SeatFeed feed, int performanceId, long sequence, Func<IReadOnlyList<SeatsChanged>, Task> apply, Func<Task<long>> reload, TimeProvider time, TimeSpan? interval = null)
    {
        _sequence = sequence;
        _apply = apply;
        _reload = reload;
        _time = time;
        Interval = interval ?? DefaultInterval;
        _subscription = feed.Subscribe(performanceId, this);

        // The component read its snapshot before this subscription existed: a change delivered in
        // between never reaches it, and if no other follows, no gap would ever reveal it. Reload then.
        if (feed.LastDelivered(performanceId) > sequence)
        {
            _ = OnResyncAsync();
        }
    }

    public TimeSpan Interval { get; }

    public long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    public Task OnSeatsChangedAsync(SeatsChanged change)
    {
        lock (_lock)
        {
            if (_disposed || change.Sequence <= _sequence)
            {
                return Task.CompletedTask;
            }

            _waiting[change.Sequence] = (change, _time.GetUtcNow());
        }

        ScheduleFlush();
        return Task.CompletedTask;
    }

    public Task OnResyncAsync()
    {
        lock (_lock)
        {
            // What waits may be from before a restarted Redis counted from 1 again; the reload covers it.
            _reloadRequested = true;
            _waiting.Clear();
        }

        ScheduleFlush();
        return Task.CompletedTask;
    }

    /// <summary>The component read seats afresh up to <paramref name="sequence"/>: changes up to it are already shown.</summary>
    public void SkipTo(long sequence)
    {
        lock (_lock)
        {
            if (sequence <= _sequence)
            {
                return;
            }

            _sequence = sequence;
            foreach (var shown in _waiting.Keys.Where(s => s <= sequence).ToList())
            {
                _waiting.Remove(shown);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _waiting.Clear();
        }

        Interlocked.Exchange(ref _subscription, null)?.Dispose();
    }

    private void ScheduleFlush()
    {
        lock (_lock)
        {
            if (_flushScheduled || _disposed)
            {
                return;
            }

            _flushScheduled = true;
        }

        _ = FlushAfterIntervalAsync();
    }

    private async Task FlushAfterIntervalAsync()
    {
        await Task.Delay(Interval, _time);
        var again = false;
        try
        {
            await FlushAsync();
        }
        catch (Exception)
        {
            // The component went away or failed to render; the next change or reload tries again.
        }
        finally
        {
            lock (_lock)
            {
                // Also what came in after FlushAsync looked: ScheduleFlush skipped it while this flush was scheduled.
                _flushScheduled = false;
                again = (again || _waiting.Count > 0 || _reloadRequested) && !_disposed;
            }
        }

        if (again)
        {
            ScheduleFlush();
        }
    }

    /// <summary>
    /// Applies what is in order, then reloads when asked to or when a change has waited a whole interval
    /// for one before it (that one is lost).
    /// </summary>
    private async Task FlushAsync()
    {
        List<SeatsChanged> batch = [];
        bool reload;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            while (_waiting.Remove(_sequence + 1, out var next))
            {
                batch.Add(next.Change);
                _sequence++;
            }

            var now = _time.GetUtcNow();
            reload = _reloadRequested || _waiting.Values.Any(w => now - w.ArrivedAt >= Interval);
            _reloadRequested = false;
        }

        if (batch.Count > 0)
        {
            await _apply(batch);
        }

        if (!reload)
        {
            return;
        }

        long sequence;
        try
        {
            sequence = await _reload();
        }
        catch (Exception)
        {
            // Not shown: try again at the next round, or the map would wait for changes it may never
            // accept (after a Redis restart every new number is below the old one).
            lock (_lock)
            {
                _reloadRequested = true;
            }

            throw;
        }

        lock (_lock)
        {
            _sequence = sequence;
            foreach (var stale in _waiting.Keys.Where(s => s <= sequence).ToList())
            {
                _waiting.Remove(stale);
            }
        }
    }
}
