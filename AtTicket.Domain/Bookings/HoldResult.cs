using AtTicket.Domain.Live;

namespace AtTicket.Domain.Bookings;

public enum HoldOutcome
{
    Held,

    /// <summary>Some seats were just taken by someone else; nothing is held. <see cref="HoldResult.TakenSeatIds"/> says which.</summary>
    SeatsTaken,

    /// <summary>The request names seats this performance does not have, or the performance is not on sale.</summary>
    Rejected,

    /// <summary>The on-sale runs behind a waiting line that has not admitted the member (yet, or any more).</summary>
    NotAdmitted,

    /// <summary>The request has more companion seats than wheelchair spaces (<see cref="CompanionSeatRule"/>); nothing is held.</summary>
    CompanionWithoutWheelchair,
}

/// <param name="Seats">The held seats as the hold's transaction left them, when the inventory knows (empty otherwise).</param>
public sealed record HoldResult(HoldOutcome Outcome, SeatHold? Hold, IReadOnlyList<int> TakenSeatIds, string? Reason, IReadOnlyList<SeatFact> Seats)
{
    public static HoldResult Held(SeatHold hold, IReadOnlyList<SeatFact>? seats = null) => new(HoldOutcome.Held, hold, [], null, seats ?? []);

    public static HoldResult Taken(IReadOnlyList<int> seatIds) => new(HoldOutcome.SeatsTaken, null, seatIds, null, []);

    public static HoldResult Rejected(string reason) => new(HoldOutcome.Rejected, null, [], reason, []);

    public const string NotAdmittedReason = "This on-sale has a waiting line: join it, and you can choose seats when it is your turn.";

    public static HoldResult CompanionWithoutWheelchair() => new(HoldOutcome.CompanionWithoutWheelchair, null, [], CompanionSeatRule.Reason, []);

    public static HoldResult NotAdmitted() => new(HoldOutcome.NotAdmitted, null, [], NotAdmittedReason, []);
}
