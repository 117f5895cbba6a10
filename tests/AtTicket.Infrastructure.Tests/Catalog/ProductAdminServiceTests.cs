using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Common;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Catalog;

public sealed class ProductAdminServiceTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Deleting_a_product_with_a_booking_answers_HasBookings_and_keeps_it(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var title = $"Booked Out {Unique.Suffix()}";
        var productId = await CreateProductAsync(services, title);
        var performanceId = await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(9));
        await BookAsync(services, performanceId, BookingStatus.Confirmed, new BookedSeat(hall.Seat('A', 1), "VIP", 150_000));

        var outcome = await services.GetRequiredService<ProductAdminService>().DeleteAsync(productId, Ct);

        Assert.Equal(DeleteOutcome.HasBookings, outcome);
        Assert.Equal(title, (await services.GetRequiredService<ProductAdminService>().FindAsync(productId, Ct))?.Title);
        Assert.Equal(8, await ReadAsync(services, db => db.PerformanceSeats.CountAsync(s => s.PerformanceId == performanceId, Ct)));
        Assert.Equal([performanceId], (await services.GetRequiredService<CatalogReader>().GetProductAsync(productId, includeUnpublished: false, Ct))!.Performances.Select(p => p.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Deleting_a_product_with_only_a_cancelled_booking_still_answers_HasBookings(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var productId = await CreateProductAsync(services, $"Refunded {Unique.Suffix()}");
        var performanceId = await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(9));
        await BookAsync(services, performanceId, BookingStatus.Cancelled, new BookedSeat(hall.Seat('B', 1), "R", 100_000));

        // The booking's history (tickets, refund) must stay readable, so its performance stays.
        Assert.Equal(DeleteOutcome.HasBookings, await services.GetRequiredService<ProductAdminService>().DeleteAsync(productId, Ct));
        Assert.NotNull(await services.GetRequiredService<ProductAdminService>().FindAsync(productId, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Deleting_a_product_nobody_booked_removes_it_with_its_performances_and_the_catalog_forgets_it(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var tag = Unique.Suffix();
        var productId = await CreateProductAsync(services, $"Never Sold {tag}");
        var performanceIds = new[] { await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(9)), await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(10)) };
        var reader = services.GetRequiredService<CatalogReader>();
        Assert.NotNull(await reader.GetProductAsync(productId, includeUnpublished: false, Ct));
        Assert.Single((await reader.SearchProductsAsync(new ProductQuery(Search: tag), Ct)).Items);

        var outcome = await services.GetRequiredService<ProductAdminService>().DeleteAsync(productId, Ct);

        Assert.Equal(DeleteOutcome.Deleted, outcome);
        Assert.Null(await services.GetRequiredService<ProductAdminService>().FindAsync(productId, Ct));
        Assert.False(await ReadAsync(services, db => db.Performances.AnyAsync(p => performanceIds.Contains(p.Id), Ct)));
        Assert.False(await ReadAsync(services, db => db.PerformanceSeats.AnyAsync(s => performanceIds.Contains(s.PerformanceId), Ct)));
        Assert.False(await ReadAsync(services, db => db.SeatGrades.AnyAsync(g => performanceIds.Contains(g.PerformanceId), Ct)));
        Assert.Null(await reader.GetProductAsync(productId, includeUnpublished: true, Ct));
        Assert.Null(await reader.GetPerformanceAsync(performanceIds[0], includeUnpublished: true, Ct));
        Assert.Empty((await reader.SearchProductsAsync(new ProductQuery(Search: tag), Ct)).Items);
        Assert.Equal(DeleteOutcome.NotFound, await services.GetRequiredService<ProductAdminService>().DeleteAsync(productId, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Closing_a_product_hides_it_from_customers_at_once_and_it_cannot_go_back_to_draft(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var title = $"Last Call {Unique.Suffix()}";
        var productId = await CreateProductAsync(services, title);
        var products = services.GetRequiredService<ProductAdminService>();
        var reader = services.GetRequiredService<CatalogReader>();
        Assert.NotNull(await reader.GetProductAsync(productId, includeUnpublished: false, Ct));

        Assert.True(await products.UpdateAsync(productId, Product(title, status: ProductStatus.Closed), Ct));

        Assert.Null(await reader.GetProductAsync(productId, includeUnpublished: false, Ct));
        Assert.Equal(ProductStatus.Closed, (await reader.GetProductAsync(productId, includeUnpublished: true, Ct))?.Summary.Status);
        var error = await Assert.ThrowsAsync<DomainException>(() => products.UpdateAsync(productId, Product(title, status: ProductStatus.Draft), Ct));
        Assert.Equal("A product cannot go back to draft once it has been on sale.", error.Message);
        Assert.Equal(ProductStatus.Closed, (await products.FindAsync(productId, Ct))?.Status);
        Assert.False(await products.UpdateAsync(int.MaxValue, Product(title), Ct));
    }
}
