using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Persistence;
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
        var reader = new LiveSnapshotReader(new FailingBus(), node.GetRequiredService<SeatAvailabilityReader>(), NullLogger<LiveSnapshotReader>.Instance);

        var snapshot = await reader.ReadAsync(performance.Id, Ct);
        var (sequence, grades) = await reader.ReadRemainingAsync(performance.Id, Ct);

        Assert.Equal((0L, 0L), (snapshot.Sequence, sequence));
        Assert.Equal(8, snapshot.Seats.Count);
        Assert.Equal(8, Assert.Single(grades).Remaining);
    }
}
