namespace AtTicket.Infrastructure.Live;

/// <summary>A performance's seat states with the sequence they include, for a listener to start from or reload.</summary>
public sealed record LiveSnapshot(int PerformanceId, long Sequence, IReadOnlyList<SeatState> Seats, IReadOnlyList<GradeAvailability> Grades);

/// <summary>
/// Snapshots for live listeners and the availability API, from this node's <see cref="LiveSeatStates"/>:
/// seats, remaining seats per grade and the number of the last change they include, all from memory.
/// </summary>
public sealed class LiveSnapshotReader(LiveSeatStates states)
{
    public Task<LiveSnapshot> ReadAsync(int performanceId, CancellationToken cancellationToken = default) =>
        states.SnapshotAsync(performanceId, cancellationToken);

    /// <summary>Only the sequence and the remaining seats per grade (product pages, dashboards).</summary>
    public Task<(long Sequence, IReadOnlyList<GradeAvailability> Grades)> ReadRemainingAsync(int performanceId, CancellationToken cancellationToken = default) =>
        states.RemainingAsync(performanceId, cancellationToken);

    /// <summary>The remaining seats per grade of several performances (a product's detail).</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<GradeAvailability>>> ReadRemainingAsync(IReadOnlyCollection<int> performanceIds, CancellationToken cancellationToken = default)
    {
        var remaining = await Task.WhenAll(performanceIds.Select(async id => (id, (await states.RemainingAsync(id, cancellationToken)).Grades)));
        return remaining.ToDictionary(r => r.id, r => r.Grades);
    }

    /// <summary>The number of the last change this node's state of the performance includes.</summary>
    public Task<long> CurrentSequenceAsync(int performanceId) => states.SequenceAsync(performanceId);
}
