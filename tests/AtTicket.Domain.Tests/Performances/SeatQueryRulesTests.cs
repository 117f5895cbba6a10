using System.Linq.Expressions;
using AtTicket.Domain.Performances;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Performances;

/// <summary>The seat rules the stores query with, held to the entity's own answers.</summary>
public class SeatQueryRulesTests
{
    private static readonly TimeSpan HoldTime = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = TestClock.New();

    private DateTimeOffset Now => _clock.GetUtcNow();

    public static TheoryData<string> States => ["available", "held", "held, expired", "sold", "refunded"];

    [Theory]
    [MemberData(nameof(States))]
    public void FreeAt_as_a_query_filter_agrees_with_IsFree(string state)
    {
        var seat = SeatIn(state);

        var filtered = new[] { seat }.AsQueryable().Where(PerformanceSeat.FreeAt(Now)).Count();

        Assert.Equal(seat.IsFree(Now) ? 1 : 0, filtered);
    }

    [Fact]
    public void FreeAt_lets_a_seat_go_the_moment_after_its_hold_ends_and_not_before()
    {
        var seat = PerformanceSeatBuilder.Available();
        seat.Hold(Guid.NewGuid(), Now + HoldTime, Now);
        var end = Now + HoldTime;

        Assert.False(PerformanceSeat.FreeAt(end).Compile()(seat));
        Assert.True(PerformanceSeat.FreeAt(end.AddTicks(1)).Compile()(seat));
    }

    [Fact]
    public void FreeAt_carries_the_moment_as_a_captured_value_so_a_database_query_sends_it_as_a_parameter()
    {
        var filter = PerformanceSeat.FreeAt(Now);

        var constants = new ConstantFinder();
        constants.Visit(filter);

        Assert.DoesNotContain(constants.Types, type => type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?));
    }

    [Theory]
    [InlineData("available", false)]
    [InlineData("held", true)]
    [InlineData("held, expired", true)]
    [InlineData("sold", true)]
    [InlineData("refunded", false)]
    public void A_seat_is_claimed_while_a_hold_or_a_booking_points_at_it(string state, bool claimed)
    {
        var seat = SeatIn(state);

        Assert.Equal(claimed, PerformanceSeat.Claimed.Compile()(seat));
        Assert.Equal(!claimed, PerformanceSeat.Unclaimed.Compile()(seat));
    }

    [Fact]
    public void LockedSeatsMoved_names_held_or_sold_seats_the_plan_puts_in_another_grade_or_leaves_out()
    {
        (int SeatId, int? GradeId)[] locked = [(1, 10), (2, 10), (3, 20)];
        GradeSeats[] plan =
        [
            new(10, "R", 150_000, "#cc0000", [1, 4]),
            new(20, "S", 110_000, "#0000cc", [2]),
        ];

        Assert.Equal([2, 3], GradePlan.LockedSeatsMoved(locked, plan));
    }

    [Fact]
    public void LockedSeatsMoved_is_empty_when_every_locked_seat_keeps_its_grade()
    {
        (int SeatId, int? GradeId)[] locked = [(1, 10), (3, 20)];
        GradeSeats[] plan =
        [
            new(10, "R", 150_000, "#cc0000", [1, 2]),
            new(20, "S", 110_000, "#0000cc", [3]),
        ];

        Assert.Empty(GradePlan.LockedSeatsMoved(locked, plan));
    }

    private PerformanceSeat SeatIn(string state)
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        switch (state)
        {
            case "held":
                seat.Hold(holdId, Now + HoldTime, Now);
                break;
            case "held, expired":
                seat.Hold(holdId, Now + HoldTime, Now);
                _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));
                break;
            case "sold":
                seat.Hold(holdId, Now + HoldTime, Now);
                seat.Sell(holdId, bookingId, Now);
                break;
            case "refunded":
                seat.Hold(holdId, Now + HoldTime, Now);
                seat.Sell(holdId, bookingId, Now);
                seat.Refund(bookingId);
                break;
        }

        return seat;
    }

    private sealed class ConstantFinder : ExpressionVisitor
    {
        public List<Type> Types { get; } = [];

        protected override Expression VisitConstant(ConstantExpression node)
        {
            Types.Add(node.Type);
            return base.VisitConstant(node);
        }
    }
}
