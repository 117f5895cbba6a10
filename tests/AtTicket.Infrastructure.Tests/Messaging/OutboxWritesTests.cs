using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Messaging;

/// <summary>The outbox row is written in the transaction of the change it reports: both commit, or neither.</summary>
public sealed class OutboxWritesTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_confirmed_booking_writes_exactly_one_BookingConfirmed_message(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());

        var booking = await shop.ConfirmedAsync(buyer, performance.Id, performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));

        var message = Assert.Single(await MessagesAsync(node, booking.Id.ToString()));
        Assert.Equal((IntegrationEvents.BookingConfirmedType, (DateTimeOffset?)null, 0), (message.Type, message.DispatchedAt, message.Attempts));
        Assert.Equal(
            new BookingConfirmed(booking.Id, booking.Number, buyer, performance.Id, 200_000),
            IntegrationEvents.Read<BookingConfirmed>(message));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_sale_rolled_back_after_the_booking_was_confirmed_leaves_no_message(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seats = new[] { performance.Hall.Seat('B', 1), performance.Hall.Seat('B', 2) };
        var hold = await shop.HoldAsync(buyer, performance.Id, seats);
        var now = shop.Clock.GetUtcNow();
        var booking = await shop.Store.AddPendingAsync(
            new Booking(Guid.NewGuid(), $"AT-{Unique.Suffix()}", buyer, performance.Id, hold.Id, $"key-{Guid.NewGuid():N}", [.. seats.Select(s => new BookedSeat(s, "R", 100_000))], now),
            Ct);
        // One of the hold's seats is gone behind its back: the booking and hold UPDATEs succeed, the seats do not.
        await MakeAvailableAsync(node, performance.Id, [seats[1]]);

        var outcome = (await shop.Store.SellAsync(hold, booking, "PAY-rolled-back", now, Ct)).Outcome;

        Assert.Equal(SaleOutcome.HoldLost, outcome);
        Assert.Equal(BookingStatus.PendingPayment, (await shop.Store.FindAsync(booking.Id, Ct))!.Status);
        Assert.Empty(await MessagesAsync(node, booking.Id.ToString()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Cancelling_writes_one_BookingCancelled_message_with_the_refund_however_often_it_is_asked(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, performance.Hall.Seat('A', 3));
        shop.Clock.Advance(TimeSpan.FromMinutes(1));

        await shop.Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct);
        await shop.Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct);

        var messages = await MessagesAsync(node, booking.Id.ToString());
        Assert.Equal([IntegrationEvents.BookingConfirmedType, IntegrationEvents.BookingCancelledType], messages.Select(m => m.Type));
        Assert.Equal(
            new BookingCancelled(booking.Id, booking.Number, buyer, performance.Id, 100_000),
            IntegrationEvents.Read<BookingCancelled>(messages[1]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_product_created_on_sale_writes_one_ProductOnSale_message(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var title = $"Harbour Lights {Unique.Suffix()}";

        var productId = await CreateProductAsync(node, title, ProductCategory.Concert);

        var message = Assert.Single(await MessagesAsync(node, productId.ToString()));
        Assert.Equal(IntegrationEvents.ProductOnSaleType, message.Type);
        Assert.Equal(new ProductOnSale(productId, title, ProductCategory.Concert), IntegrationEvents.Read<ProductOnSale>(message));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_draft_writes_nothing_until_it_goes_on_sale_and_editing_it_on_sale_writes_nothing_more(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var admin = node.GetRequiredService<ProductAdminService>();
        var title = $"Quiet Draft {Unique.Suffix()}";
        var productId = await CreateProductAsync(node, title, status: ProductStatus.Draft);
        Assert.Empty(await MessagesAsync(node, productId.ToString()));

        Assert.True(await admin.UpdateAsync(productId, Product(title, status: ProductStatus.OnSale), Ct));
        Assert.True(await admin.UpdateAsync(productId, Product($"{title} (encore)", status: ProductStatus.OnSale), Ct));

        var message = Assert.Single(await MessagesAsync(node, productId.ToString()));
        Assert.Equal((IntegrationEvents.ProductOnSaleType, title), (message.Type, IntegrationEvents.Read<ProductOnSale>(message).Title));
    }

    private static Task<List<OutboxMessage>> MessagesAsync(IServiceProvider node, string aggregateId) =>
        ReadAsync(node, db => db.OutboxMessages.AsNoTracking().Where(m => m.AggregateId == aggregateId).OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).ToListAsync(Ct));
}
