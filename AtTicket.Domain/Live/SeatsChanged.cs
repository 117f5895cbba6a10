using AtTicket.Domain.Performances;

namespace AtTicket.Domain.Live;

public sealed record SeatStatusChange(int SeatId, SeatStatus Status);

public sealed record GradeRemaining(int GradeId, int Remaining);

/// <summary>
/// Some of a performance's seats changed state. <paramref name="Sequence"/> grows by one per change of
/// that performance, across all nodes, so a listener that sees a gap knows it missed one and reloads.
/// States are read after the change committed; an expired hold reads as available.
/// </summary>
public sealed record SeatsChanged(
    int PerformanceId,
    long Sequence,
    IReadOnlyList<SeatStatusChange> Seats,
    IReadOnlyList<GradeRemaining> Grades,
    DateTimeOffset PublishedAt);
