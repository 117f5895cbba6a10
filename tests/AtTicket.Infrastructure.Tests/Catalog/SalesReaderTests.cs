using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Catalog;

public sealed class SalesReaderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Sales_count_sold_held_and_remaining_seats_and_revenue_per_grade(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services, rows: 3, seatsPerRow: 4);
        var productId = await CreateProductAsync(services, $"Box Office {Unique.Suffix()}");

        // VIP row A at 150,000; R row B at 100,000; row C has no grade yet.
        var performanceId = (await ScheduleAsync(
            services, productId, hall, [DaysFromNow(9)], Grade("VIP", 150_000, hall.Row('A')), Grade("R", 100_000, hall.Row('B'), Crimson))).Single();
        await BookAsync(services, performanceId, BookingStatus.Confirmed, new BookedSeat(hall.Seat('A', 1), "VIP", 150_000), new BookedSeat(hall.Seat('A', 2), "VIP", 150_000));
        await BookAsync(services, performanceId, BookingStatus.Confirmed, new BookedSeat(hall.Seat('B', 1), "R", 100_000));
        await BookAsync(services, performanceId, BookingStatus.Cancelled, new BookedSeat(hall.Seat('B', 2), "R", 100_000));
        await BookAsync(services, performanceId, BookingStatus.PendingPayment, new BookedSeat(hall.Seat('B', 4), "R", 100_000));
        await HoldAsync(services, performanceId, [hall.Seat('A', 3)], DateTimeOffset.UtcNow.AddMinutes(5));
        await HoldAsync(services, performanceId, [hall.Seat('B', 4)], DateTimeOffset.UtcNow.AddMinutes(5));
        await HoldAsync(services, performanceId, [hall.Seat('B', 3)], DateTimeOffset.UtcNow.AddMinutes(-1));

        var sales = (await services.GetRequiredService<SalesReader>().GetAsync(performanceId, Ct))!;

        // VIP: A1-A2 sold, A3 held, A4 free. R: B1 sold, B2 refunded (free), B3 hold expired (free), B4 held while paying.
        Assert.Equal(
            [("VIP", 150_000L, 4, 2, 1, 1, 300_000L), ("R", 100_000L, 4, 1, 1, 2, 100_000L)],
            sales.Grades.Select(g => (g.Name, g.Price, g.Total, g.Sold, g.Held, g.Remaining, g.Revenue)));
        Assert.Equal((8, 3, 400_000L, 3 / 8.0), (sales.Total, sales.Sold, sales.Revenue, sales.Occupancy));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Sales_of_a_performance_without_sales_are_all_remaining(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var performanceId = await ScheduleOnSaleAsync(services, await CreateProductAsync(services, $"Quiet Night {Unique.Suffix()}"), hall, DaysFromNow(9));
        var reader = services.GetRequiredService<SalesReader>();

        var sales = (await reader.GetAsync(performanceId, Ct))!;

        Assert.Equal([("VIP", 4, 0, 0, 4, 0L), ("R", 4, 0, 0, 4, 0L)], sales.Grades.Select(g => (g.Name, g.Total, g.Sold, g.Held, g.Remaining, g.Revenue)));
        Assert.Equal(0, sales.Occupancy);
        Assert.Null(await reader.GetAsync(int.MaxValue, Ct));
    }
}
