using AtTicket.Infrastructure.Catalog;

namespace AtTicket.Infrastructure.Live;

/// <summary>A performance's seat states with the sequence they include, for a listener to start from or reload.</summary>
public sealed record LiveSnapshot(int PerformanceId, long Sequence, IReadOnlyList<SeatState> Seats, IReadOnlyList<GradeAvailability> Grades);

public sealed class LiveSnapshotReader(ISeatChangeBus bus, SeatAvailabilityReader availability)
{
    /// <summary>The sequence is read first: every change numbered up to it committed before the seats are read.</summary>
    public async Task<LiveSnapshot> ReadAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var sequence = await bus.CurrentSequenceAsync(performanceId);
        var seats = await availability.GetSeatStatesAsync(performanceId, cancellationToken);
        var grades = await availability.GetRemainingAsync(performanceId, cancellationToken);
        return new LiveSnapshot(performanceId, sequence, seats, grades);
    }

    /// <summary>The last change's number; read it before reading seat numbers, and the feed covers everything after.</summary>
    public Task<long> SequenceAsync(int performanceId) => bus.CurrentSequenceAsync(performanceId);

    /// <summary>Only the sequence and the remaining seats per grade (product pages, dashboards).</summary>
    public async Task<(long Sequence, IReadOnlyList<GradeAvailability> Grades)> ReadRemainingAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var sequence = await bus.CurrentSequenceAsync(performanceId);
        return (sequence, await availability.GetRemainingAsync(performanceId, cancellationToken));
    }
}
