using AtTicket.Domain.Live;

namespace AtTicket.Domain.Bookings;

/// <summary>
/// The seat rows of performances, where the database decides who gets a seat. Every change is a
/// conditional UPDATE; a multi-seat hold is one transaction that changes all seats or none.
/// </summary>
public interface ISeatInventory
{
    /// <summary>What a member already has, for the per-member limits.</summary>
    Task<MemberHoldings> GetHoldingsAsync(string memberId, int performanceId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Holds exactly the hold's seats and stores the hold, or changes nothing.</summary>
    Task<HoldResult> HoldAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Chooses <paramref name="quantity"/> free seats of a grade (adjacent in one row where possible, see <see cref="SeatPicker"/>)
    /// and holds them, in one transaction; wheelchair spaces and companion seats only when <paramref name="includeAccessible"/>.
    /// </summary>
    Task<HoldResult> HoldBestAvailableAsync(HoldDraft draft, int gradeId, int quantity, bool includeAccessible, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The member's hold, if it exists.</summary>
    Task<SeatHold?> FindHoldAsync(Guid holdId, string memberId, CancellationToken cancellationToken);

    /// <summary>Gives the hold's seats back at once, and says how they ended up. Null when there is no such active hold of this member.</summary>
    Task<ReleasedHold?> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken);

    /// <summary>Releases every hold that expired before <paramref name="now"/>; returns the seats freed per performance.</summary>
    Task<IReadOnlyList<ReleasedSeats>> ReleaseExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record MemberHoldings(int SeatsForPerformance, int ActiveHolds);

public sealed record ReleasedSeats(int PerformanceId, IReadOnlyList<int> SeatIds);

/// <summary>A released hold's seats; <paramref name="Seats"/> are their states as the release left them, when the inventory read them.</summary>
public sealed record ReleasedHold(int PerformanceId, IReadOnlyList<int> SeatIds, IReadOnlyList<SeatFact> Seats);

/// <summary>A hold before its seats are known: who, for which performance, and for how long.</summary>
public sealed record HoldDraft(Guid Id, string MemberId, int PerformanceId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public SeatHold WithSeats(IReadOnlyCollection<int> seatIds) => new(Id, MemberId, PerformanceId, seatIds, CreatedAt, ExpiresAt);
}
