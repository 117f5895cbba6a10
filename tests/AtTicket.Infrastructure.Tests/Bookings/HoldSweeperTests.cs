using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;

namespace AtTicket.Infrastructure.Tests.Bookings;

public sealed class HoldSweeperTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_sweeper_releases_expired_holds_when_it_starts_and_again_at_every_interval(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (first, second) = await TwoMembersAsync(node);
        var (a1, a2) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));
        var clock = ClockAtNow();
        var holds = Holds(node, clock);
        var early = (await holds.HoldSeatsAsync(first, performance.Id, [a1], Ct)).Hold!;
        clock.Advance(TimeSpan.FromMinutes(4));
        var late = (await holds.HoldSeatsAsync(second, performance.Id, [a2], Ct)).Hold!;
        clock.Advance(TimeSpan.FromMinutes(2));
        using var sweeper = new HoldSweeper(Inventory(node), clock, NullLogger<HoldSweeper>.Instance);

        await sweeper.StartAsync(Ct);
        try
        {
            await EventuallyAsync(async () => (await StoredHoldAsync(node, early.Id))!.Status == HoldStatus.Expired);
            AssertFree((await SeatsAsync(node, performance.Id))[a1]);
            AssertHeldBy(late, (await SeatsAsync(node, performance.Id))[a2]);
            Assert.Equal(HoldStatus.Active, (await StoredHoldAsync(node, late.Id))!.Status);

            // The late hold expires three minutes on; the next tick after that sweeps it.
            clock.Advance(TimeSpan.FromMinutes(3) + HoldSweeper.Interval);
            await EventuallyAsync(async () => (await StoredHoldAsync(node, late.Id))!.Status == HoldStatus.Expired);
            AssertFree((await SeatsAsync(node, performance.Id))[a2]);
        }
        finally
        {
            await sweeper.StopAsync(Ct);
        }
    }

    private static Task EventuallyAsync(Func<Task<bool>> condition) =>
        Within.UntilAsync(condition, () => "The sweeper did not release the expired hold.");
}
