using AtTicket.Infrastructure.Catalog;
using Microsoft.Extensions.Logging;

namespace AtTicket.Infrastructure.Live;

/// <summary>A performance's seat states with the sequence they include, for a listener to start from or reload.</summary>
public sealed record LiveSnapshot(int PerformanceId, long Sequence, IReadOnlyList<SeatState> Seats, IReadOnlyList<GradeAvailability> Grades);

/// <summary>
/// Snapshots for live listeners. The seats come from the database; the sequence from the bus, and when
/// the bus cannot tell (Redis is down) as 0: the seats still load, and the first change after that looks
/// like a gap, so the listener reloads once the bus is back.
/// </summary>
public sealed class LiveSnapshotReader(ISeatChangeBus bus, SeatAvailabilityReader availability, ILogger<LiveSnapshotReader> logger)
{
    /// <summary>The sequence is read first: every change numbered up to it committed before the seats are read.</summary>
    public async Task<LiveSnapshot> ReadAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var sequence = await CurrentSequenceAsync(performanceId);
        var seats = await availability.GetSeatStatesAsync(performanceId, cancellationToken);
        var grades = await availability.GetRemainingAsync(performanceId, cancellationToken);
        return new LiveSnapshot(performanceId, sequence, seats, grades);
    }

    /// <summary>Only the sequence and the remaining seats per grade (product pages, dashboards).</summary>
    public async Task<(long Sequence, IReadOnlyList<GradeAvailability> Grades)> ReadRemainingAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var sequence = await CurrentSequenceAsync(performanceId);
        return (sequence, await availability.GetRemainingAsync(performanceId, cancellationToken));
    }

    /// <summary>
    /// The sequences of several performances at once (a product page): asked together, so Redis
    /// answers them in one pipelined round trip rather than one after the other.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, long>> CurrentSequencesAsync(IReadOnlyCollection<int> performanceIds)
    {
        var sequences = await Task.WhenAll(performanceIds.Select(async id => (id, sequence: await CurrentSequenceAsync(id))));
        return sequences.ToDictionary(s => s.id, s => s.sequence);
    }

    /// <summary>
    /// The last change numbered for the performance; 0 when the bus cannot tell. Read it before reading
    /// seats, and the feed covers everything after.
    /// </summary>
    public async Task<long> CurrentSequenceAsync(int performanceId)
    {
        try
        {
            return await bus.CurrentSequenceAsync(performanceId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not read the live sequence of performance {PerformanceId}; listeners reload at the next change", performanceId);
            return 0;
        }
    }
}
