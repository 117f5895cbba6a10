using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Performances;

public class PerformanceSeatTests
{
    private static readonly TimeSpan HoldTime = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = TestClock.New();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void A_new_seat_row_is_available_and_free()
    {
        var seat = PerformanceSeatBuilder.Available();

        Assert.Equal(SeatStatus.Available, seat.Status);
        Assert.True(seat.IsFree(Now));
    }

    [Fact]
    public void Hold_marks_the_seat_held_by_the_hold_until_the_given_time()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();

        seat.Hold(holdId, Now + HoldTime, Now);

        Assert.Equal(SeatStatus.Held, seat.Status);
        Assert.Equal(holdId, seat.HoldId);
        Assert.Equal(Now + HoldTime, seat.HeldUntil);
        Assert.Null(seat.BookingId);
    }

    [Fact]
    public void A_held_seat_is_not_free_up_to_and_including_the_end_of_its_hold()
    {
        var seat = PerformanceSeatBuilder.Available();
        seat.Hold(Guid.NewGuid(), Now + HoldTime, Now);

        _clock.Advance(HoldTime);

        Assert.False(seat.IsFree(Now));
    }

    [Fact]
    public void A_seat_whose_hold_has_expired_is_free_again()
    {
        var seat = PerformanceSeatBuilder.Available();
        seat.Hold(Guid.NewGuid(), Now + HoldTime, Now);

        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));

        Assert.True(seat.IsFree(Now));
    }

    [Fact]
    public void Hold_fails_when_the_seat_is_held_by_a_live_hold()
    {
        var seat = PerformanceSeatBuilder.Available();
        var firstHold = Guid.NewGuid();
        seat.Hold(firstHold, Now + HoldTime, Now);
        _clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Throws<DomainException>(() => seat.Hold(Guid.NewGuid(), Now + HoldTime, Now));
        Assert.Equal(firstHold, seat.HoldId);
    }

    [Fact]
    public void Hold_fails_when_a_seat_is_already_sold()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        seat.Sell(holdId, Guid.NewGuid(), Now);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Throws<DomainException>(() => seat.Hold(Guid.NewGuid(), Now + HoldTime, Now));
        Assert.Equal(SeatStatus.Sold, seat.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Hold_fails_when_it_would_not_end_in_the_future(int minutesFromNow)
    {
        var seat = PerformanceSeatBuilder.Available();

        Assert.Throws<DomainException>(() => seat.Hold(Guid.NewGuid(), Now.AddMinutes(minutesFromNow), Now));
        Assert.Equal(SeatStatus.Available, seat.Status);
    }

    [Fact]
    public void An_expired_hold_can_be_replaced_by_another_hold()
    {
        var seat = PerformanceSeatBuilder.Available();
        seat.Hold(Guid.NewGuid(), Now + HoldTime, Now);
        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));
        var secondHold = Guid.NewGuid();

        seat.Hold(secondHold, Now + HoldTime, Now);

        Assert.Equal(SeatStatus.Held, seat.Status);
        Assert.Equal(secondHold, seat.HoldId);
        Assert.Equal(Now + HoldTime, seat.HeldUntil);
    }

    [Fact]
    public void Release_makes_a_held_seat_available()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);

        seat.Release(holdId);

        Assert.Equal(SeatStatus.Available, seat.Status);
        Assert.Null(seat.HoldId);
        Assert.Null(seat.HeldUntil);
        Assert.True(seat.IsFree(Now));
    }

    [Fact]
    public void Release_fails_for_a_hold_that_does_not_hold_the_seat()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);

        Assert.Throws<DomainException>(() => seat.Release(Guid.NewGuid()));
        Assert.Equal(holdId, seat.HoldId);
    }

    [Fact]
    public void Release_fails_for_an_expired_hold_after_another_hold_took_the_seat()
    {
        var seat = PerformanceSeatBuilder.Available();
        var expiredHold = Guid.NewGuid();
        seat.Hold(expiredHold, Now + HoldTime, Now);
        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));
        var currentHold = Guid.NewGuid();
        seat.Hold(currentHold, Now + HoldTime, Now);

        Assert.Throws<DomainException>(() => seat.Release(expiredHold));
        Assert.Equal(currentHold, seat.HoldId);
    }

    [Fact]
    public void Release_fails_on_an_available_seat()
    {
        var seat = PerformanceSeatBuilder.Available();

        Assert.Throws<DomainException>(() => seat.Release(Guid.NewGuid()));
    }

    [Fact]
    public void Release_fails_on_a_sold_seat()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        seat.Sell(holdId, Guid.NewGuid(), Now);

        Assert.Throws<DomainException>(() => seat.Release(holdId));
        Assert.Equal(SeatStatus.Sold, seat.Status);
    }

    [Fact]
    public void Sell_marks_the_seat_sold_to_the_booking()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        _clock.Advance(TimeSpan.FromMinutes(2));

        seat.Sell(holdId, bookingId, Now);

        Assert.Equal(SeatStatus.Sold, seat.Status);
        Assert.Equal(bookingId, seat.BookingId);
        Assert.Null(seat.HeldUntil);
        Assert.False(seat.IsFree(Now));
    }

    [Fact]
    public void Sell_succeeds_at_the_last_moment_of_the_hold()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        _clock.Advance(HoldTime);

        seat.Sell(holdId, Guid.NewGuid(), Now);

        Assert.Equal(SeatStatus.Sold, seat.Status);
    }

    [Fact]
    public void Sell_fails_once_the_hold_has_expired()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));

        Assert.Throws<DomainException>(() => seat.Sell(holdId, Guid.NewGuid(), Now));
        Assert.Equal(SeatStatus.Held, seat.Status);
        Assert.Null(seat.BookingId);
    }

    [Fact]
    public void Sell_fails_for_a_hold_that_does_not_hold_the_seat()
    {
        var seat = PerformanceSeatBuilder.Available();
        seat.Hold(Guid.NewGuid(), Now + HoldTime, Now);

        Assert.Throws<DomainException>(() => seat.Sell(Guid.NewGuid(), Guid.NewGuid(), Now));
        Assert.Equal(SeatStatus.Held, seat.Status);
    }

    [Fact]
    public void Sell_fails_on_a_seat_that_is_not_held()
    {
        var seat = PerformanceSeatBuilder.Available();

        Assert.Throws<DomainException>(() => seat.Sell(Guid.NewGuid(), Guid.NewGuid(), Now));
        Assert.Equal(SeatStatus.Available, seat.Status);
    }

    [Fact]
    public void Sell_fails_on_a_seat_that_is_already_sold()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        var firstBooking = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        seat.Sell(holdId, firstBooking, Now);

        Assert.Throws<DomainException>(() => seat.Sell(holdId, Guid.NewGuid(), Now));
        Assert.Equal(firstBooking, seat.BookingId);
    }

    [Fact]
    public void Refund_makes_a_sold_seat_available_again()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        seat.Sell(holdId, bookingId, Now);

        seat.Refund(bookingId);

        Assert.Equal(SeatStatus.Available, seat.Status);
        Assert.Null(seat.HoldId);
        Assert.Null(seat.HeldUntil);
        Assert.Null(seat.BookingId);
    }

    [Fact]
    public void A_refunded_seat_can_be_held_again()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        seat.Sell(holdId, bookingId, Now);
        seat.Refund(bookingId);
        var nextHold = Guid.NewGuid();

        seat.Hold(nextHold, Now + HoldTime, Now);

        Assert.Equal(SeatStatus.Held, seat.Status);
        Assert.Equal(nextHold, seat.HoldId);
    }

    [Fact]
    public void Refund_fails_for_a_booking_that_does_not_own_the_seat()
    {
        var seat = PerformanceSeatBuilder.Available();
        var holdId = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        seat.Sell(holdId, bookingId, Now);

        Assert.Throws<DomainException>(() => seat.Refund(Guid.NewGuid()));
        Assert.Equal(SeatStatus.Sold, seat.Status);
        Assert.Equal(bookingId, seat.BookingId);
    }

    [Fact]
    public void Refund_fails_on_a_seat_that_is_only_held()
    {
        var seat = PerformanceSeatBuilder.Available();
        seat.Hold(Guid.NewGuid(), Now + HoldTime, Now);

        Assert.Throws<DomainException>(() => seat.Refund(Guid.NewGuid()));
        Assert.Equal(SeatStatus.Held, seat.Status);
    }

    [Fact]
    public void ChangeGrade_puts_an_available_seat_in_another_grade()
    {
        var performance = new PerformanceBuilder().WithGrade("R").WithGrade("S", 110_000, "#0000cc").Build();
        var seat = performance.CreateSeat(performance.Hall!.Seats[0], performance.Grades[0]);

        seat.ChangeGrade(performance.Grades[1]);

        Assert.Same(performance.Grades[1], seat.Grade);
    }

    [Fact]
    public void ChangeGrade_maps_an_unmapped_seat()
    {
        var performance = new PerformanceBuilder().WithGrade("R").Build();
        var seat = performance.CreateSeat(performance.Hall!.Seats[0]);

        seat.ChangeGrade(performance.Grades[0]);

        Assert.Same(performance.Grades[0], seat.Grade);
    }

    [Fact]
    public void ChangeGrade_fails_when_the_seat_is_held()
    {
        var performance = new PerformanceBuilder().WithGrade("R").WithGrade("S", 110_000, "#0000cc").Build();
        var seat = performance.CreateSeat(performance.Hall!.Seats[0], performance.Grades[0]);
        seat.Hold(Guid.NewGuid(), Now + HoldTime, Now);

        Assert.Throws<DomainException>(() => seat.ChangeGrade(performance.Grades[1]));
        Assert.Same(performance.Grades[0], seat.Grade);
    }

    [Fact]
    public void ChangeGrade_fails_when_the_seat_is_sold()
    {
        var performance = new PerformanceBuilder().WithGrade("R").WithGrade("S", 110_000, "#0000cc").Build();
        var seat = performance.CreateSeat(performance.Hall!.Seats[0], performance.Grades[0]);
        var holdId = Guid.NewGuid();
        seat.Hold(holdId, Now + HoldTime, Now);
        seat.Sell(holdId, Guid.NewGuid(), Now);

        Assert.Throws<DomainException>(() => seat.ChangeGrade(performance.Grades[1]));
        Assert.Same(performance.Grades[0], seat.Grade);
    }

    [Fact]
    public void ChangeGrade_refuses_a_grade_of_another_performance()
    {
        var hall = new HallBuilder().Build();
        var performance = new PerformanceBuilder().InHall(hall).WithGrade("R").Build();
        var seat = performance.CreateSeat(hall.Seats[0], performance.Grades[0]);
        var otherGrade = new PerformanceBuilder().InHall(hall).WithGrade("VIP").Build().Grades[0];

        Assert.Throws<DomainException>(() => seat.ChangeGrade(otherGrade));
        Assert.Same(performance.Grades[0], seat.Grade);
    }
}
