using AtTicket.Domain.Bookings;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Bookings;

public class SeatHoldTests
{
    /// <summary>The builder's hold is made at the clock's start and expires five minutes later.</summary>
    private static readonly TimeSpan HoldTime = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = TestClock.New();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void A_new_hold_is_active_for_its_member_with_its_seats_in_order()
    {
        var hold = new SeatHoldBuilder().ForMember("member-7").WithSeats(12, 3, 7).Build();

        Assert.Equal(HoldStatus.Active, hold.Status);
        Assert.Equal("member-7", hold.MemberId);
        Assert.Equal([3, 7, 12], hold.SeatIds);
        Assert.Equal(TestClock.Start + HoldTime, hold.ExpiresAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_hold_needs_a_member(string? memberId)
    {
        Assert.Throws<DomainException>(() => new SeatHoldBuilder().ForMember(memberId).Build());
    }

    [Fact]
    public void A_hold_needs_at_least_one_seat()
    {
        Assert.Throws<DomainException>(() => new SeatHoldBuilder().WithSeats().Build());
    }

    [Fact]
    public void A_hold_without_a_seat_list_is_refused()
    {
        Assert.Throws<DomainException>(() => new SeatHoldBuilder().WithSeats(null).Build());
    }

    [Fact]
    public void A_hold_cannot_name_the_same_seat_twice()
    {
        Assert.Throws<DomainException>(() => new SeatHoldBuilder().WithSeats(4, 5, 4).Build());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_hold_must_expire_after_it_was_made(int expiryMinutesAfterCreation)
    {
        Assert.Throws<DomainException>(
            () => new SeatHoldBuilder().MadeAt(Now, Now.AddMinutes(expiryMinutesAfterCreation)).Build());
    }

    [Fact]
    public void A_hold_is_live_up_to_and_including_its_expiry()
    {
        var hold = new SeatHoldBuilder().Build();

        _clock.Advance(HoldTime);

        Assert.True(hold.IsLive(Now));
    }

    [Fact]
    public void A_hold_is_not_live_after_its_expiry()
    {
        var hold = new SeatHoldBuilder().Build();

        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));

        Assert.False(hold.IsLive(Now));
    }

    [Fact]
    public void Release_ends_an_active_hold()
    {
        var hold = new SeatHoldBuilder().Build();

        hold.Release();

        Assert.Equal(HoldStatus.Released, hold.Status);
        Assert.False(hold.IsLive(Now));
    }

    [Fact]
    public void Release_fails_for_a_hold_already_released()
    {
        var hold = new SeatHoldBuilder().Build();
        hold.Release();

        Assert.Throws<DomainException>(hold.Release);
    }

    [Fact]
    public void Release_fails_for_a_converted_hold()
    {
        var hold = new SeatHoldBuilder().Build();
        hold.Convert(Now);

        Assert.Throws<DomainException>(hold.Release);
        Assert.Equal(HoldStatus.Converted, hold.Status);
    }

    [Fact]
    public void Release_fails_for_an_expired_hold()
    {
        var hold = new SeatHoldBuilder().Build();
        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));
        hold.Expire(Now);

        Assert.Throws<DomainException>(hold.Release);
        Assert.Equal(HoldStatus.Expired, hold.Status);
    }

    [Fact]
    public void Expire_marks_an_overdue_hold_expired()
    {
        var hold = new SeatHoldBuilder().Build();
        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));

        hold.Expire(Now);

        Assert.Equal(HoldStatus.Expired, hold.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5 * 60)]
    public void Expire_fails_while_the_hold_is_still_running(int secondsLater)
    {
        var hold = new SeatHoldBuilder().Build();
        _clock.Advance(TimeSpan.FromSeconds(secondsLater));

        Assert.Throws<DomainException>(() => hold.Expire(Now));
        Assert.Equal(HoldStatus.Active, hold.Status);
    }

    [Fact]
    public void Expire_fails_for_a_released_hold()
    {
        var hold = new SeatHoldBuilder().Build();
        hold.Release();
        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));

        Assert.Throws<DomainException>(() => hold.Expire(Now));
        Assert.Equal(HoldStatus.Released, hold.Status);
    }

    [Fact]
    public void Convert_turns_a_live_hold_into_a_booking()
    {
        var hold = new SeatHoldBuilder().Build();
        _clock.Advance(HoldTime);

        hold.Convert(Now);

        Assert.Equal(HoldStatus.Converted, hold.Status);
        Assert.False(hold.IsLive(Now));
    }

    [Fact]
    public void Convert_fails_once_the_hold_has_run_out()
    {
        var hold = new SeatHoldBuilder().Build();
        _clock.Advance(HoldTime + TimeSpan.FromSeconds(1));

        Assert.Throws<DomainException>(() => hold.Convert(Now));
        Assert.Equal(HoldStatus.Active, hold.Status);
    }

    [Fact]
    public void Convert_fails_for_a_released_hold()
    {
        var hold = new SeatHoldBuilder().Build();
        hold.Release();

        Assert.Throws<DomainException>(() => hold.Convert(Now));
        Assert.Equal(HoldStatus.Released, hold.Status);
    }

    [Fact]
    public void Convert_fails_for_a_hold_already_converted()
    {
        var hold = new SeatHoldBuilder().Build();
        hold.Convert(Now);

        Assert.Throws<DomainException>(() => hold.Convert(Now));
    }
}
