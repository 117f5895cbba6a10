using AtTicket.Domain.Bookings;
using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// Holds against the real seat rows, through <see cref="HoldService"/> on the app's inventory. Hall
/// seats are named as in <see cref="CreatedHall"/>: A1 is the first seat of the front row.
/// </summary>
public sealed class EfSeatInventoryTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private readonly FakeTimeProvider _clock = ClockAtNow();
    private readonly BookingLimits _limits = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_hold_takes_free_seats_and_is_stored_with_its_expiry(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var member = await MemberAsync(node);
        var (a1, a2) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));

        var result = await Holds(node, _clock, _limits).HoldSeatsAsync(member, performance.Id, [a2, a1], Ct);

        Assert.Equal(HoldOutcome.Held, result.Outcome);
        var hold = result.Hold!;
        var seats = await SeatsAsync(node, performance.Id);
        AssertHeldBy(hold, seats[a1]);
        AssertHeldBy(hold, seats[a2]);
        Assert.All(seats.Values.Where(s => s.SeatId != a1 && s.SeatId != a2), AssertFree);
        var stored = Assert.Single(await StoredHoldsAsync(node, performance.Id));
        Assert.Equal(
            (hold.Id, member, performance.Id, HoldStatus.Active, Now, Now + _limits.HoldDuration),
            (stored.Id, stored.MemberId, stored.PerformanceId, stored.Status, stored.CreatedAt, stored.ExpiresAt));
        Assert.Equal([a1, a2], stored.SeatIds);
    }

    /// <summary>
    /// A seat taken is the answer before the limits (HoldSeats counts only once every seat was free): a member
    /// at their one-hold limit asking for a seat someone holds hears which seat is taken, and asking for a free
    /// seat hears the limit. Either way nothing is held.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_at_the_limit_hears_that_a_seat_is_taken_before_hearing_the_limit(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (atLimit, other) = await TwoMembersAsync(node);
        var (a1, a2, a3) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2), performance.Hall.Seat('A', 3));
        var holds = Holds(node, _clock, _limits);
        var kept = (await holds.HoldSeatsAsync(atLimit, performance.Id, [a1], Ct)).Hold!;
        var othersHold = (await holds.HoldSeatsAsync(other, performance.Id, [a2], Ct)).Hold!;

        var taken = await holds.HoldSeatsAsync(atLimit, performance.Id, [a2], Ct);
        var overLimit = await Assert.ThrowsAsync<DomainException>(() => holds.HoldSeatsAsync(atLimit, performance.Id, [a3], Ct));

        Assert.Equal(HoldOutcome.SeatsTaken, taken.Outcome);
        Assert.Equal([a2], taken.TakenSeatIds);
        Assert.Equal(RefusalCode.OneHoldAtATime, overLimit.Refusal?.Code);
        var seats = await SeatsAsync(node, performance.Id);
        AssertHeldBy(kept, seats[a1]);
        AssertHeldBy(othersHold, seats[a2]);
        AssertFree(seats[a3]);
        Assert.Equal(new[] { kept.Id, othersHold.Id }.Order(), (await StoredHoldsAsync(node, performance.Id)).Select(h => h.Id).Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_hold_on_a_seat_someone_holds_names_exactly_that_seat_and_holds_nothing(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (first, second) = await TwoMembersAsync(node);
        var hall = performance.Hall;
        var firstHold = (await Holds(node, _clock).HoldSeatsAsync(first, performance.Id, [hall.Seat('A', 1), hall.Seat('A', 2)], Ct)).Hold!;

        var result = await Holds(node, _clock).HoldSeatsAsync(second, performance.Id, [hall.Seat('A', 2), hall.Seat('A', 3), hall.Seat('A', 4)], Ct);

        Assert.Equal(HoldOutcome.SeatsTaken, result.Outcome);
        Assert.Null(result.Hold);
        Assert.Equal([hall.Seat('A', 2)], result.TakenSeatIds);
        var seats = await SeatsAsync(node, performance.Id);
        AssertHeldBy(firstHold, seats[hall.Seat('A', 1)]);
        AssertHeldBy(firstHold, seats[hall.Seat('A', 2)]);
        AssertFree(seats[hall.Seat('A', 3)]);
        AssertFree(seats[hall.Seat('A', 4)]);
        Assert.Equal([firstHold.Id], (await StoredHoldsAsync(node, performance.Id)).Select(h => h.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_hold_on_a_sold_seat_names_it_taken_and_holds_nothing(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (buyer, member) = await TwoMembersAsync(node);
        var hall = performance.Hall;
        await BuyAsync(node, buyer, performance.Id, hall.Seat('B', 2));

        var result = await Holds(node, _clock).HoldSeatsAsync(member, performance.Id, [hall.Seat('B', 1), hall.Seat('B', 2)], Ct);

        Assert.Equal(HoldOutcome.SeatsTaken, result.Outcome);
        Assert.Equal([hall.Seat('B', 2)], result.TakenSeatIds);
        AssertFree((await SeatsAsync(node, performance.Id))[hall.Seat('B', 1)]);
        Assert.Empty(await StoredHoldsAsync(node, performance.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Seats_the_performance_does_not_have_are_rejected_and_nothing_is_held(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var otherHall = await CreateHallAsync(node);
        var member = await MemberAsync(node);
        var a1 = performance.Hall.Seat('A', 1);
        var holds = Holds(node, _clock);

        var unknown = await holds.HoldSeatsAsync(member, performance.Id, [a1, int.MaxValue], Ct);
        var foreign = await holds.HoldSeatsAsync(member, performance.Id, [otherHall.Seat('A', 1), a1], Ct);

        Assert.Equal((HoldOutcome.Rejected, (SeatHold?)null), (unknown.Outcome, unknown.Hold));
        Assert.Contains(int.MaxValue.ToString(), unknown.Reason);
        Assert.Equal((HoldOutcome.Rejected, (SeatHold?)null), (foreign.Outcome, foreign.Hold));
        Assert.Contains(otherHall.Seat('A', 1).ToString(), foreign.Reason);
        Assert.All((await SeatsAsync(node, performance.Id)).Values, AssertFree);
        Assert.Empty(await StoredHoldsAsync(node, performance.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_draft_performance_is_not_on_sale(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var draft = await DraftAsync(node);
        var member = await MemberAsync(node);
        var holds = Holds(node, _clock);

        var chosen = await holds.HoldSeatsAsync(member, draft.Id, [draft.Hall.Seat('A', 1)], Ct);
        var best = await holds.HoldBestAvailableAsync(member, draft.Id, draft.GradeId, 2, cancellationToken: Ct);

        Assert.Equal((HoldOutcome.Rejected, "This performance is not on sale."), (chosen.Outcome, chosen.Reason));
        Assert.Equal((HoldOutcome.Rejected, "This performance is not on sale."), (best.Outcome, best.Reason));
        Assert.All((await SeatsAsync(node, draft.Id)).Values, AssertFree);
        Assert.Empty(await StoredHoldsAsync(node, draft.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_performance_that_has_started_is_no_longer_on_sale(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, startsAt: DaysFromNow(1));
        var member = await MemberAsync(node);
        var holds = Holds(node, _clock);
        _clock.Advance(TimeSpan.FromDays(2));

        var chosen = await holds.HoldSeatsAsync(member, performance.Id, [performance.Hall.Seat('A', 1)], Ct);
        var best = await holds.HoldBestAvailableAsync(member, performance.Id, performance.GradeId, 2, cancellationToken: Ct);

        Assert.Equal(HoldOutcome.Rejected, chosen.Outcome);
        Assert.Equal(HoldOutcome.Rejected, best.Outcome);
        Assert.All((await SeatsAsync(node, performance.Id)).Values, AssertFree);
        Assert.Empty(await StoredHoldsAsync(node, performance.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Best_available_leaves_wheelchair_spaces_and_companion_seats_out_unless_asked(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        int[] accessible = [performance.Hall.Seat('A', 2), performance.Hall.Seat('A', 3)]; // the middle of the front row
        await ReadAsync(node, db => db.Seats.Where(s => s.Id == accessible[0]).ExecuteUpdateAsync(s => s.SetProperty(x => x.Kind, SeatKind.Wheelchair), Ct));
        await ReadAsync(node, db => db.Seats.Where(s => s.Id == accessible[1]).ExecuteUpdateAsync(s => s.SetProperty(x => x.Kind, SeatKind.Companion), Ct));
        var (first, second) = await TwoMembersAsync(node);
        var holds = Holds(node, _clock);

        var plain = await holds.HoldBestAvailableAsync(first, performance.Id, performance.GradeId, 2, cancellationToken: Ct);
        var asked = await holds.HoldBestAvailableAsync(second, performance.Id, performance.GradeId, 2, includeAccessible: true, cancellationToken: Ct);

        Assert.Equal([performance.Hall.Seat('B', 2), performance.Hall.Seat('B', 3)], plain.Hold!.SeatIds.Order());
        Assert.Equal(accessible, asked.Hold!.SeatIds.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Seats_of_an_expired_hold_can_be_taken_at_once_before_any_sweep(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (first, second) = await TwoMembersAsync(node);
        var (a1, a2, a3) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2), performance.Hall.Seat('A', 3));
        var holds = Holds(node, _clock);
        var expired = (await holds.HoldSeatsAsync(first, performance.Id, [a1, a2], Ct)).Hold!;

        _clock.Advance(_limits.HoldDuration);
        var atExpiry = await holds.HoldSeatsAsync(second, performance.Id, [a2, a3], Ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await holds.HoldSeatsAsync(second, performance.Id, [a2, a3], Ct);

        Assert.Equal(HoldOutcome.SeatsTaken, atExpiry.Outcome);
        Assert.Equal([a2], atExpiry.TakenSeatIds);
        Assert.Equal(HoldOutcome.Held, afterExpiry.Outcome);
        var seats = await SeatsAsync(node, performance.Id);
        AssertHeldBy(afterExpiry.Hold!, seats[a2]);
        AssertHeldBy(afterExpiry.Hold!, seats[a3]);
        AssertHeldBy(expired, seats[a1]); // not swept yet, but free to take
        Assert.Equal(HoldStatus.Active, (await StoredHoldAsync(node, expired.Id))!.Status);
        Assert.Equal(new MemberHoldings(0, 0), await Inventory(node).GetHoldingsAsync(first, performance.Id, Now, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Release_frees_the_seats_at_once(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (first, second) = await TwoMembersAsync(node);
        var seatIds = performance.Hall.Row('B').Take(3).ToList();
        var holds = Holds(node, _clock);
        var hold = (await holds.HoldSeatsAsync(first, performance.Id, seatIds, Ct)).Hold!;

        Assert.True(await holds.ReleaseAsync(hold.Id, first, Ct));

        var seats = await SeatsAsync(node, performance.Id);
        Assert.All(seatIds, id => AssertFree(seats[id]));
        Assert.Equal(HoldStatus.Released, (await StoredHoldAsync(node, hold.Id))!.Status);
        Assert.Equal(new MemberHoldings(0, 0), await Inventory(node).GetHoldingsAsync(first, performance.Id, Now, Ct));
        Assert.Equal(HoldOutcome.Held, (await holds.HoldSeatsAsync(second, performance.Id, seatIds, Ct)).Outcome);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Release_after_expiry_frees_only_the_seats_still_its_own_and_answers_how_every_seat_ended_up(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (owner, other) = await TwoMembersAsync(node);
        var (a1, a2) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));
        var holds = Holds(node, _clock);
        var hold = (await holds.HoldSeatsAsync(owner, performance.Id, [a1, a2], Ct)).Hold!;
        var versionsHeld = (await SeatsAsync(node, performance.Id)).Values.Where(s => s.SeatId == a1 || s.SeatId == a2).ToDictionary(s => s.SeatId, s => s.Version);
        _clock.Advance(_limits.HoldDuration + TimeSpan.FromMinutes(1)); // expired, not yet swept
        var takenOver = (await holds.HoldSeatsAsync(other, performance.Id, [a2], Ct)).Hold!;

        var released = await Inventory(node).ReleaseAsync(hold.Id, owner, Ct);

        Assert.NotNull(released);
        Assert.Equal(performance.Id, released.PerformanceId);
        Assert.Equal([a1, a2], released.SeatIds);
        var facts = released.Seats.ToDictionary(s => s.SeatId);
        Assert.Equal((SeatStatus.Available, versionsHeld[a1] + 1), (facts[a1].Status, facts[a1].Version));
        Assert.Equal((SeatStatus.Held, versionsHeld[a2] + 1), (facts[a2].Status, facts[a2].Version));
        var seats = await SeatsAsync(node, performance.Id);
        AssertFree(seats[a1]);
        AssertHeldBy(takenOver, seats[a2]);
        Assert.Equal(HoldStatus.Released, (await StoredHoldAsync(node, hold.Id))!.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Release_of_another_members_hold_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (owner, other) = await TwoMembersAsync(node);
        var a1 = performance.Hall.Seat('A', 1);
        var holds = Holds(node, _clock);
        var hold = (await holds.HoldSeatsAsync(owner, performance.Id, [a1], Ct)).Hold!;

        Assert.False(await holds.ReleaseAsync(hold.Id, other, Ct));
        Assert.False(await holds.ReleaseAsync(Guid.NewGuid(), owner, Ct));

        AssertHeldBy(hold, (await SeatsAsync(node, performance.Id))[a1]);
        Assert.Equal(HoldStatus.Active, (await StoredHoldAsync(node, hold.Id))!.Status);
        Assert.Null(await holds.FindAsync(hold.Id, other, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_hold_released_once_cannot_be_released_again(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (owner, next) = await TwoMembersAsync(node);
        var a1 = performance.Hall.Seat('A', 1);
        var holds = Holds(node, _clock);
        var hold = (await holds.HoldSeatsAsync(owner, performance.Id, [a1], Ct)).Hold!;
        Assert.True(await holds.ReleaseAsync(hold.Id, owner, Ct));
        var nextHold = (await holds.HoldSeatsAsync(next, performance.Id, [a1], Ct)).Hold!;

        Assert.False(await holds.ReleaseAsync(hold.Id, owner, Ct));

        AssertHeldBy(nextHold, (await SeatsAsync(node, performance.Id))[a1]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_sweep_frees_expired_holds_marks_them_expired_and_leaves_live_holds_alone(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (early, late) = await TwoMembersAsync(node);
        var hall = performance.Hall;
        var holds = Holds(node, _clock);
        var expiring = (await holds.HoldSeatsAsync(early, performance.Id, [hall.Seat('A', 1), hall.Seat('A', 2)], Ct)).Hold!;
        _clock.Advance(TimeSpan.FromMinutes(3));
        var live = (await holds.HoldSeatsAsync(late, performance.Id, [hall.Seat('B', 1)], Ct)).Hold!;
        _clock.Advance(TimeSpan.FromMinutes(3));

        var released = await Inventory(node).ReleaseExpiredAsync(Now, Ct);
        var again = await Inventory(node).ReleaseExpiredAsync(Now, Ct);

        var mine = Assert.Single(released, r => r.PerformanceId == performance.Id);
        Assert.Equal([hall.Seat('A', 1), hall.Seat('A', 2)], mine.SeatIds.Order());
        Assert.DoesNotContain(again, r => r.PerformanceId == performance.Id);
        var seats = await SeatsAsync(node, performance.Id);
        AssertFree(seats[hall.Seat('A', 1)]);
        AssertFree(seats[hall.Seat('A', 2)]);
        AssertHeldBy(live, seats[hall.Seat('B', 1)]);
        Assert.Equal(HoldStatus.Expired, (await StoredHoldAsync(node, expiring.Id))!.Status);
        Assert.Equal(HoldStatus.Active, (await StoredHoldAsync(node, live.Id))!.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_sweep_leaves_alone_a_seat_someone_took_after_the_hold_expired(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (first, second) = await TwoMembersAsync(node);
        var (a1, a2) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));
        var holds = Holds(node, _clock);
        var expired = (await holds.HoldSeatsAsync(first, performance.Id, [a1, a2], Ct)).Hold!;
        _clock.Advance(_limits.HoldDuration + TimeSpan.FromMinutes(1));
        var retaken = (await holds.HoldSeatsAsync(second, performance.Id, [a2], Ct)).Hold!;
        _clock.Advance(TimeSpan.FromMinutes(1));

        var released = await Inventory(node).ReleaseExpiredAsync(Now, Ct);

        Assert.Equal([a1], Assert.Single(released, r => r.PerformanceId == performance.Id).SeatIds);
        var seats = await SeatsAsync(node, performance.Id);
        AssertFree(seats[a1]);
        AssertHeldBy(retaken, seats[a2]);
        Assert.Equal(HoldStatus.Expired, (await StoredHoldAsync(node, expired.Id))!.Status);
        Assert.Equal(HoldStatus.Active, (await StoredHoldAsync(node, retaken.Id))!.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Best_available_holds_adjacent_seats_in_one_row_nearest_the_stage_and_the_middle(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 3, seatsPerRow: 6);
        var members = await MembersAsync(node, 3);
        var hall = performance.Hall;
        var holds = Holds(node, _clock);
        await holds.HoldSeatsAsync(members[0], performance.Id, [hall.Seat('A', 3)], Ct);

        // Row A keeps A1-A2 and A4-A6 free: three together only on the right.
        var three = await holds.HoldBestAvailableAsync(members[1], performance.Id, performance.GradeId, 3, cancellationToken: Ct);

        // Row A has no four together any more; row B does, centred on the middle of the row.
        var four = await holds.HoldBestAvailableAsync(members[2], performance.Id, performance.GradeId, 4, cancellationToken: Ct);

        Assert.Equal(HoldOutcome.Held, three.Outcome);
        Assert.Equal([hall.Seat('A', 4), hall.Seat('A', 5), hall.Seat('A', 6)], three.Hold!.SeatIds);
        Assert.Equal(HoldOutcome.Held, four.Outcome);
        Assert.Equal([hall.Seat('B', 2), hall.Seat('B', 3), hall.Seat('B', 4), hall.Seat('B', 5)], four.Hold!.SeatIds);
        var seats = await SeatsAsync(node, performance.Id);
        Assert.All(three.Hold.SeatIds, id => AssertHeldBy(three.Hold, seats[id]));
        Assert.All(four.Hold.SeatIds, id => AssertHeldBy(four.Hold, seats[id]));
        Assert.Equal(3, (await StoredHoldsAsync(node, performance.Id)).Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Best_available_takes_seats_of_an_expired_hold_and_reports_a_conflict_when_too_few_are_left(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: 2);
        var members = await MembersAsync(node, 3);
        var hall = performance.Hall;
        var holds = Holds(node, _clock);
        var expiring = (await holds.HoldSeatsAsync(members[0], performance.Id, [hall.Seat('A', 1), hall.Seat('A', 2)], Ct)).Hold!;
        _clock.Advance(_limits.HoldDuration + TimeSpan.FromSeconds(1));

        var front = await holds.HoldBestAvailableAsync(members[1], performance.Id, performance.GradeId, 2, cancellationToken: Ct);
        var tooMany = await holds.HoldBestAvailableAsync(members[2], performance.Id, performance.GradeId, 3, cancellationToken: Ct);

        Assert.Equal([hall.Seat('A', 1), hall.Seat('A', 2)], front.Hold!.SeatIds);
        Assert.NotEqual(expiring.Id, front.Hold.Id);
        Assert.Equal((HoldOutcome.SeatsTaken, (SeatHold?)null), (tooMany.Outcome, tooMany.Hold));
        var seats = await SeatsAsync(node, performance.Id);
        Assert.All(hall.Row('B'), id => AssertFree(seats[id]));
        Assert.DoesNotContain(await StoredHoldsAsync(node, performance.Id), h => h.MemberId == members[2]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Best_available_in_a_grade_the_performance_does_not_have_is_rejected(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var other = await OnSaleAsync(node);
        var member = await MemberAsync(node);

        var result = await Holds(node, _clock).HoldBestAvailableAsync(member, performance.Id, other.GradeId, 2, cancellationToken: Ct);

        // A grade of another performance is the caller's mistake (400), not "seats just taken" (409).
        Assert.Equal(HoldOutcome.Rejected, result.Outcome);
        Assert.All((await SeatsAsync(node, other.Id)).Values, AssertFree);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Holdings_count_the_members_live_held_and_sold_seats_of_the_performance_and_live_holds_of_any(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: 6);
        var elsewhere = await OnSaleAsync(node);
        var (member, other) = await TwoMembersAsync(node);
        var hall = performance.Hall;
        var inventory = UnlimitedInventory(node);
        var start = Now;
        var later = start.AddMinutes(10);

        // Counted: a live hold of two seats, three seats bought, a live hold at another performance.
        await HoldAsync(inventory, member, performance.Id, start, later.AddMinutes(5), hall.Seat('A', 1), hall.Seat('A', 2));
        await BuyAsync(node, member, performance.Id, hall.Seat('B', 1), hall.Seat('B', 2), hall.Seat('B', 3));
        await HoldAsync(inventory, member, elsewhere.Id, start, later.AddMinutes(5), elsewhere.Hall.Seat('A', 1));

        // Not counted: an expired hold, a released hold, another member's hold and purchase.
        await HoldAsync(inventory, member, performance.Id, start, later.AddMinutes(-1), hall.Seat('A', 3));
        var released = await HoldAsync(inventory, member, performance.Id, start, later.AddMinutes(5), hall.Seat('A', 4));
        Assert.NotNull(await inventory.ReleaseAsync(released.Id, member, Ct));
        await HoldAsync(inventory, other, performance.Id, start, later.AddMinutes(5), hall.Seat('A', 5));
        await BuyAsync(node, other, performance.Id, hall.Seat('B', 4));

        Assert.Equal(new MemberHoldings(5, 2), await inventory.GetHoldingsAsync(member, performance.Id, later, Ct));
        Assert.Equal(new MemberHoldings(1, 2), await inventory.GetHoldingsAsync(member, elsewhere.Id, later, Ct));
        Assert.Equal(new MemberHoldings(2, 1), await inventory.GetHoldingsAsync(other, performance.Id, later, Ct));
        Assert.Equal(new MemberHoldings(3, 0), await inventory.GetHoldingsAsync(member, performance.Id, later.AddMinutes(6), Ct));
    }

    /// <summary>A hold straight through the inventory, with the times given: the service's limits do not apply.</summary>
    private static async Task<SeatHold> HoldAsync(ISeatInventory inventory, string memberId, int performanceId, DateTimeOffset at, DateTimeOffset until, params int[] seatIds)
    {
        var result = await inventory.HoldAsync(new SeatHold(Guid.NewGuid(), memberId, performanceId, seatIds, at, until), at, Ct);
        Assert.Equal(HoldOutcome.Held, result.Outcome);
        return result.Hold!;
    }
}
