using AtTicket.Domain.Performances;

namespace AtTicket.Domain.Live;

/// <summary>
/// A seat row as a committed transaction left it: its sale state and the row's version. Facts about
/// one seat may arrive in any order; the one with the higher version is the later truth.
/// </summary>
public sealed record SeatFact(int SeatId, int? GradeId, SeatStatus Status, DateTimeOffset? HeldUntil, long Version)
{
    /// <summary>An expired hold reads as available: anyone may take the seat at once.</summary>
    public SeatStatus StatusAt(DateTimeOffset now) =>
        Status == SeatStatus.Held && HeldUntil < now ? SeatStatus.Available : Status;
}
