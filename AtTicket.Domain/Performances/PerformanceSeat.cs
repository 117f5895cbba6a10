using System.Linq.Expressions;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Performances;

/// <summary>
/// One seat of one performance: its grade (the seat-grade mapping) and its sale state (the inventory).
/// In the database every transition is one conditional UPDATE with the same rules as these methods;
/// the methods serve code that already holds the row and document the state machine.
/// </summary>
public class PerformanceSeat
{
    private PerformanceSeat()
    {
    }

    internal PerformanceSeat(Performance performance, Seat seat, SeatGrade? grade)
    {
        Performance = performance;
        PerformanceId = performance.Id;
        Seat = seat;
        SeatId = seat.Id;
        Grade = grade;
        GradeId = grade?.Id;
    }

    public int PerformanceId { get; private set; }
    public Performance? Performance { get; private set; }
    public int SeatId { get; private set; }
    public Seat? Seat { get; private set; }
    /// <summary>Null until an admin paints the seat into a grade; a performance goes on sale only when none is null.</summary>
    public int? GradeId { get; private set; }
    public SeatGrade? Grade { get; private set; }
    public SeatStatus Status { get; private set; } = SeatStatus.Available;
    public Guid? HoldId { get; private set; }
    public DateTimeOffset? HeldUntil { get; private set; }
    public Guid? BookingId { get; private set; }

    /// <summary>
    /// Grows by one with every change of the row's sale state. Announcements carry it, so a node that
    /// hears of two changes of one seat out of order keeps the later one.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>
    /// Available, or held by a hold that has expired: both may be taken at once. The one statement of
    /// the rule: EF queries filter with <see cref="FreeAt"/>; raw SQL on the hot path mirrors it once, in
    /// Infrastructure's <c>SeatSql.FreeSeat</c>.
    /// </summary>
    private static readonly Expression<Func<PerformanceSeat, DateTimeOffset, bool>> Free =
        (s, now) => s.Status == SeatStatus.Available || (s.Status == SeatStatus.Held && s.HeldUntil < now);

    private static readonly Func<PerformanceSeat, DateTimeOffset, bool> IsFreeAt = Free.Compile();

    /// <summary>
    /// No hold and no booking points at the seat: only then may it change its grade or leave the
    /// hall's map. A held seat is claimed until its hold is released, even past its expiry.
    /// </summary>
    public static readonly Expression<Func<PerformanceSeat, bool>> Unclaimed = s => s.Status == SeatStatus.Available;

    /// <summary>The seats <see cref="Unclaimed"/> is not true of: held (expired or not) or sold.</summary>
    public static readonly Expression<Func<PerformanceSeat, bool>> Claimed =
        Expression.Lambda<Func<PerformanceSeat, bool>>(Expression.Not(Unclaimed.Body), Unclaimed.Parameters);

    private static readonly Func<PerformanceSeat, bool> IsUnclaimed = Unclaimed.Compile();

    /// <summary>See <see cref="Free"/>: the seats anyone may take at <paramref name="now"/>, as a query filter.</summary>
    public static Expression<Func<PerformanceSeat, bool>> FreeAt(DateTimeOffset now) => MomentRule.At(Free, now);

    /// <summary>See <see cref="Free"/>.</summary>
    public bool IsFree(DateTimeOffset now) => IsFreeAt(this, now);

    public void Hold(Guid holdId, DateTimeOffset until, DateTimeOffset now)
    {
        Guard.That(IsFree(now), new Refusal(RefusalCode.SeatTaken, "The seat is already taken."));
        Guard.That(until > now, new Refusal(RefusalCode.SeatHoldEndsInPast, "A hold must end in the future."));
        MoveTo(SeatStatus.Held, holdId, until, bookingId: null);
    }

    public void Release(Guid holdId)
    {
        Guard.That(Status == SeatStatus.Held && HoldId == holdId, new Refusal(RefusalCode.SeatNotHeldByHold, "The seat is not held by this hold."));
        MakeAvailable();
    }

    public void Sell(Guid holdId, Guid bookingId, DateTimeOffset now)
    {
        Guard.That(
            Status == SeatStatus.Held && HoldId == holdId && HeldUntil >= now,
            new Refusal(RefusalCode.SeatNotSellable, "The seat can only be sold from a live hold."));
        MoveTo(SeatStatus.Sold, HoldId, heldUntil: null, bookingId);
    }

    public void Refund(Guid bookingId)
    {
        Guard.That(Status == SeatStatus.Sold && BookingId == bookingId, new Refusal(RefusalCode.SeatNotSoldToBooking, "The seat is not sold to this booking."));
        MakeAvailable();
    }

    public void ChangeGrade(SeatGrade grade)
    {
        Guard.That(IsUnclaimed(this), new Refusal(RefusalCode.ClaimedSeatKeepsGrade, "A held or sold seat cannot change its grade."));
        Guard.That(
            ReferenceEquals(grade.Performance, Performance) || (grade.PerformanceId != 0 && grade.PerformanceId == PerformanceId),
            new Refusal(RefusalCode.GradeNotOfPerformance, $"Grade '{grade.Name}' does not belong to this performance.", grade.Name));
        Grade = grade;
        GradeId = grade.Id;
    }

    private void MakeAvailable() => MoveTo(SeatStatus.Available, holdId: null, heldUntil: null, bookingId: null);

    /// <summary>Every change of the sale state sets the whole of it and counts in <see cref="Version"/>.</summary>
    private void MoveTo(SeatStatus status, Guid? holdId, DateTimeOffset? heldUntil, Guid? bookingId)
    {
        Status = status;
        HoldId = holdId;
        HeldUntil = heldUntil;
        BookingId = bookingId;
        Version++;
    }
}
