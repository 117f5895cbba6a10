using System.Collections.Concurrent;

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// This node's live seat states, per performance: each is read from the database once, then kept up to
/// date by every change the bus delivers, so availability, seat maps and snapshots cost no database
/// work. Seat decisions never read it. A gap in the numbers, a new epoch or a reload message makes the
/// performance read again and its listeners resynchronise; a state older than
/// <see cref="RefreshAfter"/> merges a fresh read in the background, which bounds how long a lost
/// announcement can leave it wrong.
/// </summary>
public sealed class LiveSeatStates(ISeatFactSource reader, Lazy<ISeatChangeBus> bus, SeatFeed feed, TimeProvider time, ILogger<LiveSeatStates> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, Task<LivePerformance>> _performances = new();
    private readonly ConcurrentDictionary<int, byte> _refreshing = new();

    public async Task<LiveSnapshot> SnapshotAsync(int performanceId, CancellationToken cancellationToken = default) =>
        (await GetAsync(performanceId, cancellationToken)).Snapshot(time.GetUtcNow());

    public async Task<(long Sequence, IReadOnlyList<GradeAvailability> Grades)> RemainingAsync(int performanceId, CancellationToken cancellationToken = default) =>
        (await GetAsync(performanceId, cancellationToken)).Remaining(time.GetUtcNow());

    public async Task<long> SequenceAsync(int performanceId, CancellationToken cancellationToken = default) =>
        (await GetAsync(performanceId, cancellationToken)).Sequence;

    /// <summary>A change from the bus, in number order. Never throws: a failure leaves the performance to be read again.</summary>
    public async Task ReceiveAsync(SeatChangeMessage change)
    {
        try
        {
            await ApplyAsync(change);
        }
        catch (Exception exception)
        {
            _performances.TryRemove(change.PerformanceId, out _);
            logger.LogWarning(exception, "Could not apply change {Sequence} of performance {PerformanceId}; it is read again when next needed", change.Sequence, change.PerformanceId);
            await feed.ResyncAsync(change.PerformanceId, change.Sequence);
        }
    }

    /// <summary>The bus (re)connected: changes may have been missed, so every performance is read again.</summary>
    public async Task ResyncAllAsync()
    {
        _performances.Clear();
        await feed.ResyncAllAsync();
    }

    private async Task ApplyAsync(SeatChangeMessage change)
    {
        if (!_performances.TryGetValue(change.PerformanceId, out var loading))
        {
            if (!feed.HasListeners(change.PerformanceId))
            {
                return; // read when someone asks, from the database, which already holds this change
            }

            // The change committed before it was numbered, so a read now includes it and everything before it.
            var numbering = new LiveSequence(change.Epoch, change.Sequence);
            loading = _performances.GetOrAdd(change.PerformanceId, id => LoadAsync(id, numbering));
        }

        var performance = await loading;
        switch (performance.Apply(change))
        {
            case ChangeOutcome.Applied:
                await feed.DeliverAsync(performance.Describe(change, time.GetUtcNow()));
                break;
            case ChangeOutcome.Reload:
                performance.Refresh(await reader.ReadAllAsync(change.PerformanceId), new LiveSequence(change.Epoch, change.Sequence), time.GetUtcNow());
                await feed.ResyncAsync(change.PerformanceId, change.Sequence);
                break;
            case ChangeOutcome.AlreadyKnown:
                if (performance.Sequence == change.Sequence)
                {
                    // Loaded from this very change: listeners still hear of it.
                    await feed.DeliverAsync(performance.Describe(change, time.GetUtcNow()));
                }

                break;
        }
    }

    private async Task<LivePerformance> GetAsync(int performanceId, CancellationToken cancellationToken)
    {
        var loading = _performances.GetOrAdd(performanceId, id => LoadAsync(id, numbering: null));
        LivePerformance performance;
        try
        {
            performance = await loading.WaitAsync(cancellationToken);
        }
        catch when (loading.IsFaulted)
        {
            _performances.TryRemove(new KeyValuePair<int, Task<LivePerformance>>(performanceId, loading));
            throw;
        }

        if (time.GetUtcNow() - performance.LoadedAt > RefreshAfter && _refreshing.TryAdd(performanceId, 0))
        {
            _ = RefreshAsync(performance);
        }

        return performance;
    }

    private async Task<LivePerformance> LoadAsync(int performanceId, LiveSequence? numbering)
    {
        // The number first: every change numbered up to it committed before the seats are read.
        numbering ??= await CurrentSequenceAsync(performanceId);
        var seats = await reader.ReadAllAsync(performanceId);
        return new LivePerformance(performanceId, seats, numbering, time.GetUtcNow());
    }

    private async Task RefreshAsync(LivePerformance performance)
    {
        try
        {
            performance.Refresh(await reader.ReadAllAsync(performance.PerformanceId), numbering: null, time.GetUtcNow());
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not refresh the live seats of performance {PerformanceId}", performance.PerformanceId);
        }
        finally
        {
            _refreshing.TryRemove(performance.PerformanceId, out _);
        }
    }

    /// <summary>When the bus cannot tell (Redis is down): 0, so the first change after looks like a gap and the performance reloads.</summary>
    private async Task<LiveSequence> CurrentSequenceAsync(int performanceId)
    {
        try
        {
            return await bus.Value.CurrentSequenceAsync(performanceId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not read the live sequence of performance {PerformanceId}; it reloads at the next change", performanceId);
            return LiveSequence.Unknown;
        }
    }
}
