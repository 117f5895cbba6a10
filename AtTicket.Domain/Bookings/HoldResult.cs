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

/// <param name="Refusal">Why nothing is held, as a code and values (ADR 0005); null when held or taken.</param>
/// <param name="Seats">The held seats as the hold's transaction left them, when the inventory knows (empty otherwise).</param>
public sealed record HoldResult(HoldOutcome Outcome, SeatHold? Hold, IReadOnlyList<int> TakenSeatIds, Refusal? Refusal, IReadOnlyList<SeatFact> Seats)
{
    public const string NotAdmittedReason = "This on-sale has a waiting line: join it, and you can choose seats when it is your turn.";

    /// <summary>Why nothing is held, in English (the API's detail).</summary>
    public string? Reason => Refusal?.Message;

    public static HoldResult Held(SeatHold hold, IReadOnlyList<SeatFact>? seats = null) => new(HoldOutcome.Held, hold, [], null, seats ?? []);

    public static HoldResult Taken(IReadOnlyList<int> seatIds) => new(HoldOutcome.SeatsTaken, null, seatIds, null, []);

    public static HoldResult NotOnSale() =>
        Rejected(new Refusal(RefusalCode.PerformanceNotOnSale, "This performance is not on sale."));

    public static HoldResult NoSuchGrade() =>
        Rejected(new Refusal(RefusalCode.NoSuchSeatGrade, "This performance has no such seat grade."));

    /// <summary>The request names seats this performance does not have (or has not graded).</summary>
    public static HoldResult NoSuchSeats(IReadOnlyCollection<int> seatIds)
    {
        var ids = string.Join(", ", seatIds);
        return Rejected(new Refusal(RefusalCode.NoSuchSeats, $"This performance has no seat with id {ids}.", ids));
    }

    public static HoldResult CompanionWithoutWheelchair() =>
        new(HoldOutcome.CompanionWithoutWheelchair, null, [], new Refusal(RefusalCode.CompanionWithoutWheelchair, CompanionSeatRule.Reason), []);

    public static HoldResult NotAdmitted() =>
        new(HoldOutcome.NotAdmitted, null, [], new Refusal(RefusalCode.NotAdmitted, NotAdmittedReason), []);

    private static HoldResult Rejected(Refusal refusal) => new(HoldOutcome.Rejected, null, [], refusal, []);
}
