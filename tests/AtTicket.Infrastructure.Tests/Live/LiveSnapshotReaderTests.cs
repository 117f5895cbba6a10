using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Live;

public sealed class LiveSnapshotReaderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_snapshot_carries_the_seats_and_the_number_of_the_last_change_announced_before_it()
    {
        var node = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var performance = await OnSaleAsync(node);
        var (a1, a2) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));
        var notifier = node.GetRequiredService<ISeatChangeNotifier>();
        await HoldAsync(node, performance.Id, [a1], DateTimeOffset.UtcNow.AddMinutes(5));
        await notifier.SeatsChangedAsync(performance.Id, [a1], Ct);
        await SellAsync(node, performance.Id, [a2]);
        await notifier.SeatsChangedAsync(performance.Id, [a2], Ct);
        var reader = node.GetRequiredService<LiveSnapshotReader>();

        var snapshot = await reader.ReadAsync(performance.Id, Ct);
        var (sequence, grades) = await reader.ReadRemainingAsync(performance.Id, Ct);

        Assert.Equal((2L, 2L), (snapshot.Sequence, sequence));
        Assert.Equal(8, snapshot.Seats.Count);
        Assert.Equal((SeatStatus.Held, SeatStatus.Sold), (snapshot.Seats.Single(s => s.SeatId == a1).Status, snapshot.Seats.Single(s => s.SeatId == a2).Status));
        Assert.Equal([new GradeAvailability(performance.GradeId, 8, 6)], grades);
        Assert.Equal(grades, snapshot.Grades);
    }

    [Fact]
    public async Task When_the_bus_cannot_tell_the_number_the_seats_still_load_at_sequence_zero()
    {
        var node = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var performance = await OnSaleAsync(node);
        var states = new LiveSeatStates(node.GetRequiredService<ISeatFactSource>(), new Lazy<ISeatChangeBus>(() => new FailingBus()), LiveParts.Feed(), TimeProvider.System, NullLogger<LiveSeatStates>.Instance);
        var reader = new LiveSnapshotReader(states);

        var snapshot = await reader.ReadAsync(performance.Id, Ct);
        var (sequence, grades) = await reader.ReadRemainingAsync(performance.Id, Ct);

        Assert.Equal((0L, 0L), (snapshot.Sequence, sequence));
        Assert.Equal(8, snapshot.Seats.Count);
        Assert.Equal(8, Assert.Single(grades).Remaining);
    }

    /// <summary>
    /// A thousand changes of random seats to random states, from eight writers at once, each announced
    /// after its write: announcements of one seat overtake each other all the time. The node's live
    /// state, which answers every read, must end equal to the database.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task After_a_thousand_random_changes_the_live_state_equals_the_database(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 4, seatsPerRow: 8);
        var seatIds = (await node.GetRequiredService<SeatAvailabilityReader>().GetSeatStatesAsync(performance.Id, Ct)).Select(s => s.SeatId).ToList();
        var reader = node.GetRequiredService<LiveSnapshotReader>();
        await reader.ReadAsync(performance.Id, Ct); // loaded before the changes, kept by them
        var notifier = node.GetRequiredService<ISeatChangeNotifier>();
        var contexts = node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>();
        SeatStatus[] states = [SeatStatus.Available, SeatStatus.Held, SeatStatus.Sold];

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(
            async () =>
            {
                var random = new Random(writer);
                for (var i = 0; i < 125; i++)
                {
                    var seatId = seatIds[random.Next(seatIds.Count)];
                    var status = states[random.Next(states.Length)];
                    DateTimeOffset? heldUntil = status == SeatStatus.Held ? DateTimeOffset.UtcNow.AddMinutes(random.Next(2) == 0 ? -1 : 5) : null;
                    await using (var db = await contexts.CreateDbContextAsync(Ct))
                    {
                        await db.PerformanceSeats.Where(s => s.PerformanceId == performance.Id && s.SeatId == seatId).ExecuteUpdateAsync(
                            set => set.SetProperty(s => s.Status, status).SetProperty(s => s.HeldUntil, heldUntil).SetProperty(s => s.Version, s => s.Version + 1),
                            Ct);
                    }

                    await notifier.SeatsChangedAsync(performance.Id, [seatId], Ct);
                }
            },
            Ct)));

        var live = await reader.ReadAsync(performance.Id, Ct);
        var database = await node.GetRequiredService<SeatAvailabilityReader>().GetSeatStatesAsync(performance.Id, Ct);
        Assert.Equal((await node.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(performance.Id)).Sequence, live.Sequence);
        Assert.Equal(database.OrderBy(s => s.SeatId), live.Seats.OrderBy(s => s.SeatId));
        Assert.Equal(await node.GetRequiredService<SeatAvailabilityReader>().GetRemainingAsync(performance.Id, Ct), live.Grades);
    }
}
