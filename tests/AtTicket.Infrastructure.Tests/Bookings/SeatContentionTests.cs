using AtTicket.Domain.Bookings;
using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// One database per provider wired with booking rules that let only the seat race decide: every
/// contender is a different member asking for at most four seats, and holds outlast the test.
/// </summary>
public sealed class ContentionDatabases : PerProviderDatabases
{
    internal static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Booking:HoldMinutes"] = "30",
        ["Booking:MaxSeatsPerBooking"] = "4",
        ["Booking:MaxSeatsPerMemberPerPerformance"] = "8",
        ["Booking:MaxActiveHoldsPerMember"] = "1",
    };

    private protected override Task<TestDatabase> CreateAsync(DatabaseProvider provider) => TestDatabase.CreateMigratedAsync(provider, Settings);
}

/// <summary>
/// Many members at once on the same seats, on the real databases: the seat rows alone decide, every
/// seat ends with at most one owner, nobody holds part of what they asked for, and a loser hears
/// "taken", never an error.
/// </summary>
public sealed class SeatContentionTests(ContentionDatabases databases, ITestOutputHelper output) : IClassFixture<ContentionDatabases>
{
    private const int Contenders = 200;
    private const int ContestedSeats = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_hundred_members_racing_for_ten_seats_never_share_one_and_the_losers_hear_which_were_taken(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: ContestedSeats);
        var contested = performance.Hall.Row('A');
        var members = await MembersAsync(node, Contenders);
        var asked = Enumerable.Range(0, Contenders).Select(i => Request(i, contested)).ToList();
        var holds = node.GetRequiredService<HoldService>(); // as the app wires it: system clock, limits from "Booking"

        var (results, duration) = await Race.RunAsync(Contenders, i => holds.HoldSeatsAsync(members[i], performance.Id, asked[i], Ct));
        var seats = await SeatsAsync(node, performance.Id);
        var won = results.Count(r => r.Result?.Outcome == HoldOutcome.Held);
        var held = contested.Count(id => seats[id].Status == SeatStatus.Held);
        Report(provider, "HoldSeatsAsync", Contenders, ContestedSeats, won, Contenders - won, held, ContestedSeats - held, duration);

        // No contender saw an error: each either holds what it asked for or was told what was taken.
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.True(r.Result!.Outcome is HoldOutcome.Held or HoldOutcome.SeatsTaken, $"{r.Result.Outcome}: {r.Result.Reason}"));
        var winners = Enumerable.Range(0, Contenders).Where(i => results[i].Result!.Outcome == HoldOutcome.Held).ToList();
        var losers = Enumerable.Range(0, Contenders).Except(winners).ToList();
        foreach (var i in winners)
        {
            var hold = results[i].Result!.Hold!;
            Assert.Equal((members[i], performance.Id), (hold.MemberId, hold.PerformanceId));
            Assert.Equal(asked[i].Order(), hold.SeatIds);
        }

        // The winners' seats never overlap, and the database agrees seat by seat.
        var owner = new Dictionary<int, SeatHold>();
        foreach (var hold in winners.Select(i => results[i].Result!.Hold!))
        {
            foreach (var seatId in hold.SeatIds)
            {
                Assert.True(owner.TryAdd(seatId, hold), $"Seat {seatId} was given to two winners.");
            }
        }

        foreach (var seat in seats.Values)
        {
            if (owner.TryGetValue(seat.SeatId, out var hold))
            {
                AssertHeldBy(hold, seat);
            }
            else
            {
                AssertFree(seat);
            }
        }

        // A loser was told which seats were taken, and they were: by a winner, for good.
        foreach (var i in losers)
        {
            var taken = results[i].Result!.TakenSeatIds;
            Assert.NotEmpty(taken);
            Assert.All(taken, seatId => Assert.Contains(seatId, asked[i]));
            Assert.All(taken, seatId => Assert.True(owner.ContainsKey(seatId), $"Contender {i} was told seat {seatId} was taken, but nobody holds it."));
        }

        // Every contested seat had single-seat contenders, so none can be left over; the recount agrees.
        Assert.Equal(ContestedSeats, contested.Count(owner.ContainsKey));
        var recount = await ReadAsync(node, db => db.PerformanceSeats.CountAsync(s => s.PerformanceId == performance.Id && s.Status == SeatStatus.Held, Ct));
        Assert.Equal(winners.Sum(i => asked[i].Count), recount);
        var stored = await StoredHoldsAsync(node, performance.Id);
        Assert.Equal(winners.Select(i => results[i].Result!.Hold!.Id).Order(), stored.Select(h => h.Id).Order());
        Assert.All(stored, h => Assert.Equal(owner.Values.First(o => o.Id == h.Id).SeatIds, h.SeatIds));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Members_racing_for_best_available_seats_never_share_one_and_leave_none_unsold_by_mistake(DatabaseProvider provider)
    {
        const int contenders = 60;
        const int quantity = 3;
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 3, seatsPerRow: 10);
        var members = await MembersAsync(node, contenders);
        var holds = node.GetRequiredService<HoldService>();

        var (results, duration) = await Race.RunAsync(contenders, i => holds.HoldBestAvailableAsync(members[i], performance.Id, performance.GradeId, quantity, cancellationToken: Ct));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.True(r.Result!.Outcome is HoldOutcome.Held or HoldOutcome.SeatsTaken, $"{r.Result.Outcome}: {r.Result.Reason}"));
        var won = results.Select(r => r.Result!.Hold).OfType<SeatHold>().ToList();
        Assert.All(won, h => Assert.Equal(quantity, h.SeatIds.Count));
        var owner = new Dictionary<int, SeatHold>();
        foreach (var hold in won)
        {
            Assert.All(hold.SeatIds, seatId => Assert.True(owner.TryAdd(seatId, hold), $"Seat {seatId} was given to two winners."));
        }

        var seats = await SeatsAsync(node, performance.Id);
        Assert.All(seats.Values, seat =>
        {
            if (owner.TryGetValue(seat.SeatId, out var hold))
            {
                AssertHeldBy(hold, seat);
            }
            else
            {
                AssertFree(seat);
            }
        });

        // 60 members for 30 seats: a member is told "not enough seats" only when fewer than 3 are left.
        var free = seats.Count - owner.Count;
        Report(provider, "HoldBestAvailableAsync x3", contenders, seats.Count, won.Count, contenders - won.Count, owner.Count, free, duration);
        Assert.True(free < quantity, $"{contenders - won.Count} members were told there were not enough seats, yet {free} of {seats.Count} are still free.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_sweeper_racing_new_contenders_for_a_hold_that_just_expired_loses_no_seat_and_gives_none_twice(DatabaseProvider provider)
    {
        const int contenders = 50;
        var database = await databases.GetAsync(provider);
        var node = database.Services;
        await using var otherNode = database.NewNode();
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: ContestedSeats);
        var contested = performance.Hall.Row('A');
        var members = await MembersAsync(node, contenders + 1);
        var limits = new BookingLimits { HoldMinutes = 5 };

        // The old hold covers A1-A4 and expires at the moment of the race: half the contenders' clocks
        // read exactly its expiry (it is still live), the other half and both sweepers a second later.
        var start = ClockAtNow();
        var expiring = (await Holds(node, start, limits).HoldSeatsAsync(members[contenders], performance.Id, [.. contested.Take(4)], Ct)).Hold!;
        var atExpiry = new FakeTimeProvider(expiring.ExpiresAt);
        var afterExpiry = new FakeTimeProvider(expiring.ExpiresAt.AddSeconds(1));
        var asked = Enumerable.Range(0, contenders).Select(i => Request(i, [.. contested.Take(6)])).ToList();
        var sweeps = new[] { Inventory(node), Inventory(otherNode) };
        var late = new HashSet<int>(Enumerable.Range(0, contenders).Where(i => i % 2 == 1));

        var (results, duration) = await Race.RunAsync(contenders + sweeps.Length, async i =>
        {
            if (i >= contenders)
            {
                var released = await sweeps[i - contenders].ReleaseExpiredAsync(afterExpiry.GetUtcNow(), Ct);
                return (Hold: (HoldResult?)null, Released: released);
            }

            var clock = late.Contains(i) ? afterExpiry : atExpiry;
            return (Hold: await Holds(node, clock, limits).HoldSeatsAsync(members[i], performance.Id, asked[i], Ct), Released: (IReadOnlyList<ReleasedSeats>)[]);
        });

        Assert.All(results, r => Assert.Null(r.Error)); // first: a contender that threw has no result to count
        var seats = await SeatsAsync(node, performance.Id);
        var wonCount = results.Take(contenders).Count(r => r.Result.Hold?.Outcome == HoldOutcome.Held);
        var heldCount = contested.Take(6).Count(id => seats[id].Status == SeatStatus.Held);
        var reported = results.Skip(contenders).SelectMany(r => r.Result.Released).Where(r => r.PerformanceId == performance.Id).SelectMany(r => r.SeatIds).ToList();
        Report(provider, "HoldSeatsAsync vs 2 sweepers", contenders, 6, wonCount, contenders - wonCount, heldCount, 6 - heldCount, duration, $"sweptSeats={reported.Count}");

        var holdResults = results.Take(contenders).Select(r => r.Result.Hold!).ToList();
        Assert.All(holdResults, r => Assert.True(r.Outcome is HoldOutcome.Held or HoldOutcome.SeatsTaken, $"{r.Outcome}: {r.Reason}"));
        var winners = Enumerable.Range(0, contenders).Where(i => holdResults[i].Outcome == HoldOutcome.Held).ToList();
        var owner = new Dictionary<int, SeatHold>();
        foreach (var i in winners)
        {
            var hold = holdResults[i].Hold!;
            Assert.Equal(asked[i].Order(), hold.SeatIds);
            Assert.All(hold.SeatIds, seatId => Assert.True(owner.TryAdd(seatId, hold), $"Seat {seatId} was given to two winners."));
        }

        // Each seat has at most one live owner, and nothing is left to the expired hold.
        Assert.All(seats.Values, seat =>
        {
            if (owner.TryGetValue(seat.SeatId, out var hold))
            {
                AssertHeldBy(hold, seat);
            }
            else
            {
                AssertFree(seat);
            }
        });
        Assert.Equal(HoldStatus.Expired, (await StoredHoldAsync(node, expiring.Id))!.Status);
        Assert.All(reported, seatId => Assert.Contains(seatId, expiring.SeatIds));

        // Nothing is lost: every seat a late single-seat contender asked for ends with a winner,
        // and every loser was told of seats someone really held.
        Assert.All(late.Where(i => asked[i].Count == 1), i => Assert.True(owner.ContainsKey(asked[i][0]), $"Seat {asked[i][0]} is free although contender {i} asked for it after the expiry."));
        foreach (var i in Enumerable.Range(0, contenders).Except(winners))
        {
            var taken = holdResults[i].TakenSeatIds;
            Assert.NotEmpty(taken);
            Assert.All(taken, seatId => Assert.True(owner.ContainsKey(seatId) || (!late.Contains(i) && expiring.SeatIds.Contains(seatId)), $"Contender {i} was told seat {seatId} was taken by nobody live."));
        }

        var recount = await ReadAsync(node, db => db.PerformanceSeats.CountAsync(s => s.PerformanceId == performance.Id && s.Status == SeatStatus.Held, Ct));
        Assert.Equal(winners.Sum(i => asked[i].Count), recount);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Sweepers_on_several_nodes_report_each_seat_they_free_once(DatabaseProvider provider)
    {
        const int expiredHolds = 20;
        var database = await databases.GetAsync(provider);
        var node = database.Services;
        var others = Enumerable.Range(0, 3).Select(_ => database.NewNode()).ToList();
        try
        {
            var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: expiredHolds);
            var members = await MembersAsync(node, expiredHolds);
            var clock = ClockAtNow();
            var holds = Holds(node, clock);
            for (var i = 0; i < expiredHolds; i++)
            {
                Assert.Equal(HoldOutcome.Held, (await holds.HoldSeatsAsync(members[i], performance.Id, [performance.Hall.Seat('A', i + 1), performance.Hall.Seat('B', i + 1)], Ct)).Outcome);
            }

            clock.Advance(TimeSpan.FromMinutes(10));
            var inventories = others.Select(Inventory).Prepend(Inventory(node)).ToList();

            var (results, duration) = await Race.RunAsync(inventories.Count, i => inventories[i].ReleaseExpiredAsync(clock.GetUtcNow(), Ct));

            Assert.All(results, r => Assert.Null(r.Error));
            var reported = results.SelectMany(r => r.Result).Where(r => r.PerformanceId == performance.Id).SelectMany(r => r.SeatIds).ToList();
            output.WriteLine($"{provider}: {inventories.Count} sweepers, {expiredHolds} expired holds of 2 seats: {reported.Count} seat releases reported in {duration.TotalMilliseconds:F0} ms");
            Assert.All((await SeatsAsync(node, performance.Id)).Values, AssertFree);

            // What a sweep reports is what it will announce as available: each freed seat once, by the sweeper that freed it.
            Assert.Equal(performance.Hall.SeatIds.Order(), reported.Order());
        }
        finally
        {
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_sending_holds_in_parallel_cannot_pass_the_concurrent_holds_limit(DatabaseProvider provider)
    {
        const int attempts = 20;
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: attempts);
        var member = await MemberAsync(node);
        var holds = node.GetRequiredService<HoldService>(); // at most 1 active hold per member
        var seats = performance.Hall.Row('A');

        var (results, _) = await Race.RunAsync(attempts, i => holds.HoldSeatsAsync(member, performance.Id, [seats[i]], Ct));

        Assert.All(results, r => Assert.True(r.Error is null or DomainException, r.Error?.ToString()));
        var stored = await StoredHoldsAsync(node, performance.Id);
        var held = results.Count(r => r.Result?.Outcome == HoldOutcome.Held);
        Assert.True(held <= 1, $"The member got {held} holds at once (limit 1); the database has {stored.Count(h => h.Status == HoldStatus.Active)} active holds of theirs.");
        Assert.Equal(1, held);
    }

    /// <summary>
    /// One member, 64 parallel holds of one to four different seats each, with room for many holds at
    /// once but at most eight seats for the performance: the seats held together never pass eight.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_sending_holds_in_parallel_cannot_pass_the_seats_per_performance_limit(DatabaseProvider provider)
    {
        const int attempts = 64;
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 16, seatsPerRow: 16);
        var member = await MemberAsync(node);
        var limits = new BookingLimits { MaxActiveHoldsPerMember = attempts, MaxSeatsPerMemberPerPerformance = 8, MaxSeatsPerBooking = 4 };
        var inventory = new EfSeatInventory(node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>(), limits);
        var holds = new HoldService(inventory, limits, TimeProvider.System);
        var seats = Enumerable.Range(0, 16).SelectMany(r => performance.Hall.Row((char)('A' + r))).ToList();

        var (results, _) = await Race.RunAsync(attempts, i => holds.HoldSeatsAsync(member, performance.Id, [.. seats.Skip(i * 4).Take((i % 4) + 1)], Ct));

        Assert.All(results, r => Assert.True(r.Error is null or DomainException, r.Error?.ToString()));
        var winners = results.Where(r => r.Result?.Outcome == HoldOutcome.Held).Select(r => r.Result!.Hold!).ToList();
        var stored = (await StoredHoldsAsync(node, performance.Id)).Where(h => h.Status == HoldStatus.Active).ToList();
        var heldSeats = winners.Sum(h => h.SeatIds.Count);
        Assert.True(heldSeats <= 8, $"The member holds {heldSeats} seats of the performance (limit 8) in {winners.Count} holds.");
        Assert.NotEmpty(winners);
        Assert.Equal(winners.Select(h => h.Id).Order(), stored.Select(h => h.Id).Order());
        Assert.Equal(heldSeats, await ReadAsync(node, db => db.PerformanceSeats.CountAsync(s => s.PerformanceId == performance.Id && s.Status == SeatStatus.Held, Ct)));
        Report(provider, "one member, seats limit", attempts, seats.Count, winners.Count, attempts - winners.Count, heldSeats, seats.Count - heldSeats, TimeSpan.Zero);
    }

    /// <summary>
    /// The limits are counted in the same transaction that takes the seats, and a refusal rolls it back: a member
    /// already at their one-hold limit races twenty other members, each for the seat the member also asks for.
    /// Every hold of the member is refused, by the limit or, when the other member was first, because the seat
    /// is taken (that answer comes first); none takes anything, so each of the others gets their seat, and the
    /// member keeps one hold.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Holds_the_limits_refuse_take_no_seat_from_members_racing_for_the_same_seats(DatabaseProvider provider)
    {
        const int seatCount = 20;
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: seatCount);
        var members = await MembersAsync(node, seatCount + 1);
        var (atLimit, others) = (members[0], members.Skip(1).ToList());
        var holds = node.GetRequiredService<HoldService>(); // at most 1 active hold per member
        var kept = (await holds.HoldSeatsAsync(atLimit, performance.Id, [performance.Hall.Seat('B', 1)], Ct)).Hold!;
        var seats = performance.Hall.Row('A');

        var (results, _) = await Race.RunAsync(2 * seatCount, i => i % 2 == 0
            ? holds.HoldSeatsAsync(atLimit, performance.Id, [seats[i / 2]], Ct)
            : holds.HoldSeatsAsync(others[i / 2], performance.Id, [seats[i / 2]], Ct));

        var refused = Enumerable.Range(0, seatCount).Select(i => results[2 * i]).ToList();
        var raced = Enumerable.Range(0, seatCount).Select(i => results[(2 * i) + 1]).ToList();
        Assert.All(refused, r => Assert.True(
            r.Error is DomainException || (r.Error is null && r.Result.Outcome == HoldOutcome.SeatsTaken),
            $"A hold of the member at the limit ended {r.Error?.ToString() ?? r.Result.Outcome.ToString()}"));
        Assert.All(raced, r => Assert.Null(r.Error));
        var won = raced.Count(r => r.Result.Outcome == HoldOutcome.Held);
        Assert.Equal(seatCount, won);
        var stored = await StoredHoldsAsync(node, performance.Id);
        Assert.Equal([kept.Id], stored.Where(h => h.MemberId == atLimit).Select(h => h.Id));
        var states = await SeatsAsync(node, performance.Id);
        for (var i = 0; i < seatCount; i++)
        {
            AssertHeldBy(raced[i].Result.Hold!, states[seats[i]]);
        }

        Report(provider, "limit refusals racing", 2 * seatCount, seatCount, won, seatCount, won, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// Contender i's seats: two in five ask for one seat, the rest for an overlapping pair, three in a
    /// row, or two pairs apart. Every seat gets single-seat contenders.
    /// </summary>
    private static IReadOnlyList<int> Request(int i, IReadOnlyList<int> seats)
    {
        var round = i / 5;
        var n = seats.Count;
        return (i % 5) switch
        {
            0 or 1 => [seats[round % n]],
            2 => [seats[round % (n - 1)], seats[(round % (n - 1)) + 1]],
            3 => [.. seats.Skip(round % (n - 2)).Take(3)],
            _ => n >= 8
                ? [seats[round % 4], seats[(round % 4) + 1], seats[(round % 4) + 4], seats[(round % 4) + 5]]
                : [seats[round % (n - 3)], seats[(round % (n - 3)) + 3]],
        };
    }

    private void Report(DatabaseProvider provider, string call, int contenders, int seats, int winners, int conflicts, int heldSeats, int freeSeats, TimeSpan duration, string? more = null)
    {
        var line = $"[contention] {provider}: {call}: contenders={contenders} seats={seats} winners={winners} conflicts={conflicts} heldSeats={heldSeats} freeSeats={freeSeats} duration={duration.TotalMilliseconds:F0} ms {more}".TrimEnd();
        output.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }
}
