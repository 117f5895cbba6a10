using AtTicket.Domain.Bookings;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Bookings;

public class HoldServiceTests
{
    private const int Performance = 7;
    private const int OtherPerformance = 8;
    private const string Minji = "member-minji";
    private const string Jisoo = "member-jisoo";

    private readonly FakeTimeProvider _clock = TestClock.New();
    private readonly BookingLimits _limits = new();
    private readonly FakeSeatInventory _inventory;

    public HoldServiceTests() => _inventory = new FakeSeatInventory(_limits);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HoldService Service => new(_inventory, _limits, _clock);

    private Task<HoldResult> HoldAsync(string memberId, params int[] seatIds) =>
        Service.HoldSeatsAsync(memberId, Performance, seatIds, Ct);

    [Fact]
    public async Task Hold_takes_the_chosen_seats_for_the_member_and_performance()
    {
        var result = await HoldAsync(Minji, 12, 3, 7);

        Assert.Equal(HoldOutcome.Held, result.Outcome);
        var hold = Assert.Single(_inventory.Holds);
        Assert.Same(hold, result.Hold);
        Assert.Equal(Minji, hold.MemberId);
        Assert.Equal(Performance, hold.PerformanceId);
        Assert.Equal([3, 7, 12], hold.SeatIds);
        Assert.Equal(HoldStatus.Active, hold.Status);
        Assert.Empty(result.TakenSeatIds);
    }

    [Fact]
    public async Task Hold_expires_the_configured_minutes_after_it_was_made()
    {
        _limits.HoldMinutes = 7;
        _clock.Advance(TimeSpan.FromMinutes(3));
        var now = _clock.GetUtcNow();

        var hold = (await HoldAsync(Minji, 1)).Hold!;

        Assert.Equal(now, hold.CreatedAt);
        Assert.Equal(now.AddMinutes(7), hold.ExpiresAt);
    }

    [Fact]
    public async Task Hold_asks_the_inventory_with_the_clock_time_for_both_the_limits_and_the_seats()
    {
        _clock.Advance(TimeSpan.FromSeconds(42));

        await HoldAsync(Minji, 1);

        Assert.Equal([_clock.GetUtcNow()], _inventory.HoldingsAskedAt);
        Assert.Equal([_clock.GetUtcNow()], _inventory.HoldsAskedAt);
    }

    [Fact]
    public async Task Every_hold_gets_its_own_id()
    {
        _limits.MaxActiveHoldsPerMember = 2;

        var first = (await HoldAsync(Minji, 1)).Hold!;
        var second = (await HoldAsync(Minji, 2)).Hold!;

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Hold_is_refused_when_no_seat_is_chosen()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji));

        Assert.Equal("Choose at least one seat.", error.Message);
        Assert.Empty(_inventory.HoldsAskedAt);
    }

    [Fact]
    public async Task Hold_is_refused_when_a_seat_is_listed_twice()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji, 4, 5, 4));

        Assert.Equal("The same seat is listed twice.", error.Message);
        Assert.Empty(_inventory.HoldsAskedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Hold_is_refused_without_a_member(string? memberId)
    {
        await Assert.ThrowsAsync<DomainException>(() => HoldAsync(memberId!, 1));

        Assert.Empty(_inventory.HoldsAskedAt);
    }

    [Fact]
    public async Task Hold_is_refused_for_more_seats_than_one_booking_may_have()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji, 1, 2, 3, 4, 5));

        Assert.Equal("You can book at most 4 seats at a time.", error.Message);
        Assert.Empty(_inventory.HoldsAskedAt);
    }

    [Fact]
    public async Task Hold_of_exactly_the_seats_one_booking_may_have_is_allowed()
    {
        var result = await HoldAsync(Minji, 1, 2, 3, 4);

        Assert.Equal(HoldOutcome.Held, result.Outcome);
    }

    [Fact]
    public async Task Hold_follows_the_configured_seats_per_booking()
    {
        _limits.MaxSeatsPerBooking = 2;

        await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji, 1, 2, 3));
        Assert.Equal(HoldOutcome.Held, (await HoldAsync(Minji, 1, 2)).Outcome);
    }

    [Fact]
    public async Task Hold_is_refused_when_bought_and_held_seats_of_the_performance_would_pass_the_limit()
    {
        // 8 seats per member per performance: 3 bought and 4 held leave room for 1.
        _limits.MaxActiveHoldsPerMember = 2;
        _inventory.Sell(Minji, Performance, 31, 32, 33);
        await HoldAsync(Minji, 1, 2, 3, 4);

        var error = await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji, 5, 6));

        Assert.Equal("You can have at most 8 seats for one performance.", error.Message);
        Assert.Single(_inventory.Holds);
    }

    [Fact]
    public async Task Hold_up_to_the_seats_a_member_may_have_for_the_performance_is_allowed()
    {
        _limits.MaxActiveHoldsPerMember = 2;
        _inventory.Sell(Minji, Performance, 31, 32, 33);
        await HoldAsync(Minji, 1, 2, 3, 4);

        var result = await HoldAsync(Minji, 5);

        Assert.Equal(HoldOutcome.Held, result.Outcome);
    }

    [Fact]
    public async Task Seats_of_other_performances_and_other_members_do_not_count_towards_the_limit_for_a_performance()
    {
        _inventory.Sell(Minji, OtherPerformance, 1, 2, 3, 4, 5, 6, 7, 8);
        _inventory.Sell(Jisoo, Performance, 11, 12, 13, 14, 15, 16, 17, 18);

        var result = await HoldAsync(Minji, 1, 2, 3, 4);

        Assert.Equal(HoldOutcome.Held, result.Outcome);
    }

    [Fact]
    public async Task Hold_is_refused_while_the_member_already_has_as_many_live_holds_as_allowed()
    {
        await Service.HoldSeatsAsync(Minji, OtherPerformance, [1], Ct);

        var error = await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji, 2));

        Assert.StartsWith("You can hold seats for one booking at a time", error.Message);
        Assert.Single(_inventory.Holds);
    }

    [Fact]
    public async Task Hold_follows_the_configured_number_of_concurrent_holds()
    {
        _limits.MaxActiveHoldsPerMember = 2;
        await HoldAsync(Minji, 1);

        Assert.Equal(HoldOutcome.Held, (await HoldAsync(Minji, 2)).Outcome);
        await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji, 3));
    }

    [Fact]
    public async Task Another_members_holds_do_not_count_towards_the_concurrent_holds()
    {
        await HoldAsync(Jisoo, 1);

        var result = await HoldAsync(Minji, 2);

        Assert.Equal(HoldOutcome.Held, result.Outcome);
    }

    [Fact]
    public async Task A_released_hold_no_longer_counts_towards_the_concurrent_holds()
    {
        var first = (await HoldAsync(Minji, 1)).Hold!;

        Assert.True(await Service.ReleaseAsync(first.Id, Minji, Ct));
        var second = await HoldAsync(Minji, 1);

        Assert.Equal(HoldOutcome.Held, second.Outcome);
    }

    [Fact]
    public async Task An_expired_hold_no_longer_counts_towards_the_concurrent_holds_or_the_seats_for_the_performance()
    {
        _limits.MaxSeatsPerMemberPerPerformance = 4;
        await HoldAsync(Minji, 1, 2, 3, 4);

        _clock.Advance(_limits.HoldDuration);
        await Assert.ThrowsAsync<DomainException>(() => HoldAsync(Minji, 5));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = await HoldAsync(Minji, 5, 6, 7, 8);

        Assert.Equal(HoldOutcome.Held, result.Outcome);
    }

    [Fact]
    public async Task Seats_stay_taken_until_the_hold_expires_and_can_be_taken_the_moment_after()
    {
        var minjis = (await HoldAsync(Minji, 1, 2)).Hold!;

        _clock.Advance(_limits.HoldDuration);
        var atExpiry = await HoldAsync(Jisoo, 2, 3);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await HoldAsync(Jisoo, 2, 3);

        Assert.Equal(HoldOutcome.SeatsTaken, atExpiry.Outcome);
        Assert.Equal([2], atExpiry.TakenSeatIds);
        Assert.Equal(HoldOutcome.Held, afterExpiry.Outcome);
        Assert.Equal([2, 3], afterExpiry.Hold!.SeatIds);
        Assert.False(minjis.IsLive(_clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_hold_is_live_until_its_expiry_and_not_a_moment_longer()
    {
        var hold = (await HoldAsync(Minji, 1)).Hold!;

        _clock.Advance(_limits.HoldDuration);
        Assert.True(hold.IsLive(_clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(hold.IsLive(_clock.GetUtcNow()));
    }

    [Fact]
    public async Task Conflicting_seats_are_reported_as_taken_and_nothing_is_held()
    {
        await HoldAsync(Jisoo, 2, 4);

        var result = await HoldAsync(Minji, 1, 2, 3, 4);

        Assert.Equal(HoldOutcome.SeatsTaken, result.Outcome);
        Assert.Null(result.Hold);
        Assert.Equal([2, 4], result.TakenSeatIds);
        Assert.DoesNotContain(_inventory.Holds, h => h.MemberId == Minji);
    }

    [Fact]
    public async Task Best_available_passes_the_grade_quantity_and_a_draft_expiring_after_the_hold_time()
    {
        _inventory.Seats.AddRange([.. Enumerable.Range(1, 6).Select(n => new CandidateSeat(n, "Floor", "A", n - 1, 0))]);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var now = _clock.GetUtcNow();

        var result = await Service.HoldBestAvailableAsync(Minji, Performance, gradeId: 3, quantity: 2, cancellationToken: Ct);

        var (draft, gradeId, quantity) = Assert.Single(_inventory.BestAvailableAsked);
        Assert.Equal((Minji, Performance, now, now + _limits.HoldDuration), (draft.MemberId, draft.PerformanceId, draft.CreatedAt, draft.ExpiresAt));
        Assert.Equal((3, 2), (gradeId, quantity));
        Assert.Equal(HoldOutcome.Held, result.Outcome);
        Assert.Equal([3, 4], result.Hold!.SeatIds);
        Assert.Equal(draft.Id, result.Hold.Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task Best_available_is_refused_for_no_seats(int quantity)
    {
        await Assert.ThrowsAsync<DomainException>(() => Service.HoldBestAvailableAsync(Minji, Performance, 3, quantity, cancellationToken: Ct));

        Assert.Empty(_inventory.BestAvailableAsked);
    }

    [Fact]
    public async Task Best_available_keeps_to_the_same_limits_as_choosing_seats()
    {
        _inventory.Sell(Minji, Performance, 31, 32, 33, 34, 35, 36);

        await Assert.ThrowsAsync<DomainException>(() => Service.HoldBestAvailableAsync(Minji, Performance, 3, 5, cancellationToken: Ct));
        await Assert.ThrowsAsync<DomainException>(() => Service.HoldBestAvailableAsync(Minji, Performance, 3, 3, cancellationToken: Ct));
        Assert.Empty(_inventory.Holds);
    }

    [Fact]
    public async Task Release_gives_the_seats_back_only_for_the_member_who_holds_them()
    {
        var hold = (await HoldAsync(Minji, 1, 2)).Hold!;

        Assert.False(await Service.ReleaseAsync(hold.Id, Jisoo, Ct));
        Assert.Equal(HoldStatus.Active, hold.Status);
        Assert.True(await Service.ReleaseAsync(hold.Id, Minji, Ct));
        Assert.Equal(HoldStatus.Released, hold.Status);
        Assert.Equal(HoldOutcome.Held, (await HoldAsync(Jisoo, 1, 2)).Outcome);
    }

    [Fact]
    public async Task Find_returns_a_hold_only_to_its_member()
    {
        var hold = (await HoldAsync(Minji, 1)).Hold!;

        Assert.Same(hold, await Service.FindAsync(hold.Id, Minji, Ct));
        Assert.Null(await Service.FindAsync(hold.Id, Jisoo, Ct));
    }
}
