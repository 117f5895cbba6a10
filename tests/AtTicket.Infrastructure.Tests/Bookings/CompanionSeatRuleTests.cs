using AtTicket.Domain.Bookings;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// A companion seat is held only in the same hold as a wheelchair space (<see cref="CompanionSeatRule"/>), with the
/// hold service as the app wires it, while members race for the same places on the real databases.
/// </summary>
public sealed class CompanionSeatRuleTests(ContentionDatabases databases) : IClassFixture<ContentionDatabases>
{
    private const int Contenders = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.MySql)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Racing_members_get_a_companion_seat_only_with_a_wheelchair_space(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (wheelchair, companion, otherCompanion) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2), performance.Hall.Seat('A', 3));
        await SetKindAsync(node, wheelchair, SeatKind.Wheelchair);
        await SetKindAsync(node, companion, SeatKind.Companion);
        await SetKindAsync(node, otherCompanion, SeatKind.Companion);
        var members = await MembersAsync(node, Contenders);
        var holds = node.GetRequiredService<HoldService>(); // with the seat kinds, as the app wires it

        // Half ask for the pair, half for companion seats alone (one, or two with one wheelchair space).
        int[] Asked(int i) => (i % 4) switch
        {
            0 or 2 => [wheelchair, companion],
            1 => [companion],
            _ => [wheelchair, companion, otherCompanion],
        };
        var (results, _) = await Race.RunAsync(Contenders, i => holds.HoldSeatsAsync(members[i], performance.Id, Asked(i), Ct));

        Assert.All(results, r => Assert.Null(r.Error));
        var outcomes = Enumerable.Range(0, Contenders).Select(i => (Asked: Asked(i), results[i].Result.Outcome)).ToList();
        Assert.All(outcomes.Where(o => o.Asked.Length != 2), o => Assert.Equal(HoldOutcome.CompanionWithoutWheelchair, o.Outcome));
        Assert.Single(outcomes, o => o.Outcome == HoldOutcome.Held);
        Assert.All(outcomes.Where(o => o.Asked.Length == 2 && o.Outcome != HoldOutcome.Held), o => Assert.Equal(HoldOutcome.SeatsTaken, o.Outcome));
        var refused = results.First(r => r.Result.Outcome == HoldOutcome.CompanionWithoutWheelchair).Result;
        Assert.Equal(CompanionSeatRule.Reason, refused.Reason);

        // The database agrees: one hold has the pair, the other companion seat is free.
        var winner = results.Single(r => r.Result.Outcome == HoldOutcome.Held).Result.Hold!;
        Assert.Equal([wheelchair, companion], winner.SeatIds.Order());
        var seats = await SeatsAsync(node, performance.Id);
        AssertHeldBy(winner, seats[wheelchair]);
        AssertHeldBy(winner, seats[companion]);
        AssertFree(seats[otherCompanion]);
        Assert.Equal([winner.Id], (await StoredHoldsAsync(node, performance.Id)).Select(h => h.Id));

        // Someone else holding a wheelchair space does not make a companion seat alone any more holdable.
        var late = await holds.HoldSeatsAsync(members[1], performance.Id, [otherCompanion, performance.Hall.Seat('A', 4)], Ct);
        Assert.Equal(HoldOutcome.CompanionWithoutWheelchair, late.Outcome);
        AssertFree((await SeatsAsync(node, performance.Id))[otherCompanion]);
    }

    /// <summary>A seat's kind changed as an admin's layout edit changes it: in the database, then the catalog cache invalidated.</summary>
    private static async Task SetKindAsync(IServiceProvider node, int seatId, SeatKind kind)
    {
        await ReadAsync(node, db => db.Seats.Where(s => s.Id == seatId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Kind, kind), Ct));
        await node.GetRequiredService<CatalogCacheInvalidator>().InvalidateCatalogAsync(Ct);
    }
}
