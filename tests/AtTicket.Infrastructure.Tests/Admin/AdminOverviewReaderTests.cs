using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Admin;

/// <summary>The dashboard's "today and now", asked of both engines (its own databases: it counts everything).</summary>
public sealed class AdminOverviewReaderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Counts_and_sums_the_bookings_confirmed_today_in_one_answer(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var reader = services.GetRequiredService<AdminOverviewReader>();
        var nothingYet = await reader.GetActivityAsync(Ct);
        var hall = await CreateHallAsync(services, rows: 2, seatsPerRow: 4);
        var performanceId = (await ScheduleAsync(
            services, await CreateProductAsync(services, $"Overview {Unique.Suffix()}"), hall, [DaysFromNow(9)], Grade("VIP", 150_000, hall.Row('A')), Grade("R", 100_000, hall.Row('B'), Crimson))).Single();

        await BookAsync(services, performanceId, BookingStatus.Confirmed, new BookedSeat(hall.Seat('A', 1), "VIP", 150_000), new BookedSeat(hall.Seat('A', 2), "VIP", 150_000));
        await BookAsync(services, performanceId, BookingStatus.Confirmed, new BookedSeat(hall.Seat('B', 1), "R", 100_000));
        await BookAsync(services, performanceId, BookingStatus.Cancelled, new BookedSeat(hall.Seat('B', 2), "R", 100_000));
        await BookAsync(services, performanceId, BookingStatus.PendingPayment, new BookedSeat(hall.Seat('B', 3), "R", 100_000));

        var activity = await reader.GetActivityAsync(Ct);

        Assert.Equal((0, 0L), (nothingYet.SalesToday, nothingYet.AmountToday));
        Assert.Equal((2, 400_000L), (activity.SalesToday, activity.AmountToday));
    }
}
