namespace AtTicket.Domain.Bookings;

public enum HoldOutcome
{
    Held,

    /// <summary>Some seats were just taken by someone else; nothing is held. <see cref="HoldResult.TakenSeatIds"/> says which.</summary>
    SeatsTaken,

    /// <summary>The request names seats this performance does not have, or the performance is not on sale.</summary>
    Rejected,
}

public sealed record HoldResult(HoldOutcome Outcome, SeatHold? Hold, IReadOnlyList<int> TakenSeatIds, string? Reason)
{
    public static HoldResult Held(SeatHold hold) => new(HoldOutcome.Held, hold, [], null);

    public static HoldResult Taken(IReadOnlyList<int> seatIds) => new(HoldOutcome.SeatsTaken, null, seatIds, null);

    public static HoldResult Rejected(string reason) => new(HoldOutcome.Rejected, null, [], reason);
}
