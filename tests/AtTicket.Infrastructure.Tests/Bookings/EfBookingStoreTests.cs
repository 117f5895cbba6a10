using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>Checkout on the real databases with the simulated gateway: what is sold, what is charged, and that the two always agree.</summary>
public sealed class EfBookingStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly CardDetails Card = new(SimulatedPaymentGateway.ApprovedCard, "12/39", "123", "Kim Minji");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Confirm_sells_exactly_the_holds_seats_and_issues_unique_ticket_codes(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (buyer, other) = await TwoMembersAsync(node);
        var clock = ClockAtNow();
        var holds = Holds(node, clock);
        var hold = (await holds.HoldSeatsAsync(buyer, performance.Id, [performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2)], Ct)).Hold!;
        var otherHold = (await holds.HoldSeatsAsync(other, performance.Id, [performance.Hall.Seat('A', 3)], Ct)).Hold!;
        var gateway = Gateway(clock);

        var result = await Checkout(node, gateway, clock).ConfirmAsync(buyer, hold.Id, "checkout-1", Card, Ct);

        Assert.Equal(ConfirmOutcome.Confirmed, result.Outcome);
        var booking = (await StoredBookingsAsync(node, performance.Id)).Single();
        Assert.Equal((result.Booking!.Id, BookingStatus.Confirmed, 200_000L), (booking.Id, booking.Status, booking.TotalAmount));
        Assert.Matches("^AT[0-9]{6}[A-Z2-9]{6}$", booking.Number);
        Assert.Equal(hold.SeatIds, booking.Tickets.Select(t => t.SeatId).Order());
        Assert.All(booking.Tickets, t => Assert.Equal(("R", 100_000L, 16), (t.GradeName, t.Price, t.Code.Length)));
        Assert.Equal(2, booking.Tickets.Select(t => t.Code).Distinct().Count());

        var seats = await SeatsAsync(node, performance.Id);
        Assert.Equal(hold.SeatIds, seats.Values.Where(s => s.Status == SeatStatus.Sold).Select(s => s.SeatId).Order());
        Assert.All(hold.SeatIds, id => Assert.Equal((booking.Id, (DateTimeOffset?)null), (seats[id].BookingId, seats[id].HeldUntil)));
        AssertHeldBy(otherHold, seats[performance.Hall.Seat('A', 3)]);
        Assert.Equal(HoldStatus.Converted, (await StoredHoldAsync(node, hold.Id))!.Status);
        Assert.Equal(HoldStatus.Active, (await StoredHoldAsync(node, otherHold.Id))!.Status);

        var charge = Assert.Single(gateway.Ledger.Charges);
        Assert.Equal((booking.PaymentReference, 200_000L), (charge.Reference, charge.Amount));
        Assert.Empty(gateway.Ledger.Refunds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_sale_names_its_seats_and_confirms_the_booking_exactly_as_it_stored_them(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seats = new[] { performance.Hall.Seat('B', 3), performance.Hall.Seat('B', 4) };
        var hold = await shop.HoldAsync(buyer, performance.Id, seats);
        var now = shop.Clock.GetUtcNow();
        var booking = await shop.Store.AddPendingAsync(
            new Booking(Guid.NewGuid(), $"AT-{Unique.Suffix()}", buyer, performance.Id, hold.Id, $"key-{Guid.NewGuid():N}", [.. seats.Select(s => new BookedSeat(s, "R", 100_000))], now),
            Ct);

        var sale = await shop.Store.SellAsync(hold, booking, "PAY-facts", now, Ct);

        Assert.Equal(SaleOutcome.Sold, sale.Outcome);
        var stored = await SeatsAsync(node, performance.Id);
        Assert.Equal(
            seats.Order().Select(id => (id, stored[id].GradeId, SeatStatus.Sold, (DateTimeOffset?)null, stored[id].Version)),
            sale.Seats.OrderBy(f => f.SeatId).Select(f => (f.SeatId, f.GradeId, f.Status, f.HeldUntil, f.Version)));
        var confirmed = (await shop.Store.FindAsync(booking.Id, Ct))!;
        Assert.Equal((BookingStatus.Confirmed, "PAY-facts"), (booking.Status, booking.PaymentReference));
        Assert.Equal((confirmed.Status, confirmed.PaymentReference), (booking.Status, booking.PaymentReference));
        Assert.Equal(confirmed.ConfirmedAt!.Value, booking.ConfirmedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_same_key_twice_makes_one_booking_and_one_charge(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var clock = ClockAtNow();
        var hold = (await Holds(node, clock).HoldSeatsAsync(buyer, performance.Id, [performance.Hall.Seat('B', 2)], Ct)).Hold!;
        var gateway = Gateway(clock);
        var checkout = Checkout(node, gateway, clock);

        var first = await checkout.ConfirmAsync(buyer, hold.Id, "same-key", Card, Ct);
        var again = await checkout.ConfirmAsync(buyer, hold.Id, "same-key", Card, Ct);
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => checkout.ConfirmAsync(buyer, hold.Id, "same-key", Card, Ct), Ct)));

        Assert.All([first, again, .. racing], r => Assert.Equal((ConfirmOutcome.Confirmed, first.Booking!.Id), (r.Outcome, r.Booking!.Id)));
        Assert.Single(await StoredBookingsAsync(node, performance.Id));
        Assert.Single(gateway.Ledger.Charges);
        Assert.Equal(100_000, gateway.Ledger.NetCaptured);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_declined_card_keeps_the_hold_and_a_new_key_pays(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var clock = ClockAtNow();
        var seat = performance.Hall.Seat('A', 4);
        var hold = (await Holds(node, clock).HoldSeatsAsync(buyer, performance.Id, [seat], Ct)).Hold!;
        var gateway = Gateway(clock);
        var checkout = Checkout(node, gateway, clock);

        var declined = await checkout.ConfirmAsync(buyer, hold.Id, "try-1", Card with { Number = SimulatedPaymentGateway.DeclinedCard }, Ct);

        Assert.Equal((ConfirmOutcome.PaymentDeclined, SimulatedPaymentGateway.DeclinedMessage), (declined.Outcome, declined.Message));
        AssertHeldBy(hold, (await SeatsAsync(node, performance.Id))[seat]);
        Assert.Equal(BookingStatus.Cancelled, (await StoredBookingsAsync(node, performance.Id)).Single().Status);

        var paid = await checkout.ConfirmAsync(buyer, hold.Id, "try-2", Card, Ct);

        Assert.Equal(ConfirmOutcome.Confirmed, paid.Outcome);
        Assert.Equal((SeatStatus.Sold, paid.Booking!.Id), ((await SeatsAsync(node, performance.Id))[seat].Status, (await SeatsAsync(node, performance.Id))[seat].BookingId));
        Assert.Single(gateway.Ledger.Charges);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Confirm_racing_the_sweeper_at_the_moment_of_expiry_never_sells_without_a_booking_nor_charges_without_one(DatabaseProvider provider)
    {
        const int Buyers = 8;
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: 4);
        var buyers = await MembersAsync(node, Buyers);
        var clock = ClockAtNow();
        var holdService = Holds(node, clock);
        var holds = new List<SeatHold>();
        for (var i = 0; i < Buyers; i++)
        {
            holds.Add((await holdService.HoldSeatsAsync(buyers[i], performance.Id, [performance.Hall.SeatIds[i]], Ct)).Hold!);
        }

        // The checkout's clock stands at the holds' last live instant; the sweeper's is just past it.
        clock.Advance(holds[0].ExpiresAt - clock.GetUtcNow());
        var gateway = Gateway(clock);
        var checkout = Checkout(node, gateway, clock);
        var inventory = Inventory(node);
        var sweeps = Enumerable.Range(0, 4).Select(_ => Task.Run(
            async () =>
            {
                try
                {
                    await inventory.ReleaseExpiredAsync(holds[0].ExpiresAt.AddSeconds(1), Ct);
                }
                catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException || exception.GetBaseException() is System.Data.Common.DbException)
                {
                    // A sweeper that loses a database race tries again at its next tick, as HoldSweeper does.
                }
            },
            Ct));
        var confirms = holds.Select((hold, i) => Task.Run(() => checkout.ConfirmAsync(buyers[i], hold.Id, $"race-{i}", Card, Ct), Ct)).ToList();
        await Task.WhenAll(sweeps);
        var results = await Task.WhenAll(confirms);

        var bookings = await StoredBookingsAsync(node, performance.Id);
        var seats = await SeatsAsync(node, performance.Id);
        var confirmed = bookings.Where(b => b.Status == BookingStatus.Confirmed).ToList();
        for (var i = 0; i < Buyers; i++)
        {
            var result = results[i];
            var seat = seats[holds[i].SeatIds.Single()];
            var booking = bookings.SingleOrDefault(b => b.IdempotencyKey == $"race-{i}");
            if (result.Outcome == ConfirmOutcome.Confirmed)
            {
                Assert.Equal((BookingStatus.Confirmed, SeatStatus.Sold, (Guid?)booking!.Id), (booking.Status, seat.Status, seat.BookingId));
                Assert.Equal(HoldStatus.Converted, (await StoredHoldAsync(node, holds[i].Id))!.Status);
                Assert.False(gateway.Ledger.IsRefunded(booking.PaymentReference!));
            }
            else
            {
                Assert.Equal(ConfirmOutcome.HoldExpired, result.Outcome);
                Assert.NotEqual(SeatStatus.Sold, seat.Status);
                Assert.True(booking is null || (booking.Status == BookingStatus.Refunded && gateway.Ledger.IsRefunded(booking.PaymentReference!)));
            }
        }

        // Every sold seat has a confirmed booking; the money captured is exactly what those bookings cost.
        Assert.All(seats.Values.Where(s => s.Status == SeatStatus.Sold), s => Assert.Contains(s.BookingId!.Value, confirmed.Select(b => b.Id)));
        Assert.Equal(confirmed.Sum(b => b.Tickets.Count), seats.Values.Count(s => s.Status == SeatStatus.Sold));
        Assert.Equal(confirmed.Sum(b => b.TotalAmount), gateway.Ledger.NetCaptured);
        Assert.Equal(bookings.Count(b => b.Status is BookingStatus.Confirmed or BookingStatus.Refunded), gateway.Ledger.Charges.Count);
        TestContext.Current.SendDiagnosticMessage(
            $"{provider}: {confirmed.Count} sold, {bookings.Count(b => b.Status == BookingStatus.Refunded)} refunded, {Buyers - bookings.Count} refused before payment");
    }

    private static SimulatedPaymentGateway Gateway(TimeProvider clock) =>
        new(Options.Create(new PaymentOptions { SimulatedLatencyMilliseconds = 0 }), clock);

    private static BookingService Checkout(IServiceProvider node, IPaymentGateway gateway, FakeTimeProvider clock) =>
        new(node.GetRequiredService<IBookingStore>(), gateway, new RefundIssuer(node.GetRequiredService<IBookingStore>(), gateway, clock), clock);

    private static Task<List<Booking>> StoredBookingsAsync(IServiceProvider node, int performanceId) =>
        ReadAsync(node, db => db.Bookings.AsNoTracking().Include(b => b.Tickets).Where(b => b.PerformanceId == performanceId).ToListAsync(Ct));
}
