using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>Cancelling confirmed bookings on the real databases: the seats come back at once, the payment once.</summary>
public sealed class BookingCancellationTests(MigratedDatabases databases, ITestOutputHelper output) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Cancelling_frees_the_seats_at_once_for_another_member_and_refunds_the_payment_once(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (buyer, next) = await TwoMembersAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seatIds = new[] { performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2) };
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, seatIds);
        shop.Clock.Advance(TimeSpan.FromHours(1));

        var result = await shop.Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct);

        Assert.Equal((CancelOutcome.Cancelled, BookingCancellation.Cancelled.Message), (result.Outcome, result.Message));
        var stored = (await shop.StoredAsync(booking.Id))!;
        Assert.Equal((BookingStatus.Cancelled, booking.PaymentReference, false), (stored.Status, stored.PaymentReference, stored.OwesRefund));
        Assert.Equal(shop.Clock.GetUtcNow(), stored.CancelledAt);
        Assert.Equal(shop.Clock.GetUtcNow(), stored.RefundedAt);
        Assert.Equal((stored.Status, stored.RefundedAt), (result.Booking!.Status, result.Booking.RefundedAt));
        var seats = await SeatsAsync(node, performance.Id);
        Assert.All(seatIds, id => AssertFree(seats[id]));
        Assert.Null(seats[seatIds[0]].BookingId);
        var refund = Assert.Single(shop.Ledger.Refunds);
        Assert.Equal((booking.PaymentReference, 200_000L), (refund.Reference, refund.Amount));
        Assert.Equal(0, shop.Ledger.NetCaptured);

        // Another member takes the same seats straight away, and can pay for them.
        var again = await shop.ConfirmedAsync(next, performance.Id, seatIds);
        seats = await SeatsAsync(node, performance.Id);
        Assert.All(seatIds, id => Assert.Equal((SeatStatus.Sold, (Guid?)again.Id), (seats[id].Status, seats[id].BookingId)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Cancelling_twice_answers_the_first_cancellation_and_refunds_once(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, performance.Hall.Seat('B', 1));
        var first = await shop.Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct);
        shop.Clock.Advance(TimeSpan.FromMinutes(10));

        var again = await shop.Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct);

        Assert.Equal((CancelOutcome.Cancelled, BookingCancellation.Cancelled.Message), (again.Outcome, again.Message));
        Assert.Equal(first.Booking!.CancelledAt, again.Booking!.CancelledAt);
        Assert.Equal(first.Booking.RefundedAt, again.Booking.RefundedAt);
        Assert.Single(shop.Ledger.Refunds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Another_members_booking_is_not_found_and_stays_sold(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (buyer, stranger) = await TwoMembersAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seat = performance.Hall.Seat('A', 3);
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, seat);

        var result = await shop.Cancellation.CancelAsync(booking.Id, stranger, asAdmin: false, Ct);

        Assert.Equal((CancelOutcome.NotFound, null), (result.Outcome, result.Booking));
        Assert.Equal(BookingStatus.Confirmed, (await shop.StoredAsync(booking.Id))!.Status);
        var sold = (await SeatsAsync(node, performance.Id))[seat];
        Assert.Equal((SeatStatus.Sold, (Guid?)booking.Id), (sold.Status, sold.BookingId));
        Assert.Empty(shop.Ledger.Refunds);
        Assert.Equal(CancelOutcome.NotFound, (await shop.Cancellation.CancelAsync(Guid.NewGuid(), buyer, asAdmin: true, Ct)).Outcome);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task An_admin_may_cancel_a_members_booking(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (buyer, admin) = await TwoMembersAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seat = performance.Hall.Seat('A', 4);
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, seat);

        var result = await shop.Cancellation.CancelAsync(booking.Id, admin, asAdmin: true, Ct);

        Assert.Equal(CancelOutcome.Cancelled, result.Outcome);
        Assert.Equal(BookingStatus.Cancelled, (await shop.StoredAsync(booking.Id))!.Status);
        AssertFree((await SeatsAsync(node, performance.Id))[seat]);
        Assert.Single(shop.Ledger.Refunds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 0)]
    [InlineData(DatabaseProvider.Sqlite, 30)]
    [InlineData(DatabaseProvider.MySql, 0)]
    [InlineData(DatabaseProvider.MySql, 30)]
    public async Task Once_the_performance_has_started_the_booking_and_its_seats_stay_as_they_are(DatabaseProvider provider, int minutesAfterStart)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var startsAt = DaysFromNow(2);
        var performance = await OnSaleAsync(node, startsAt: startsAt);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seat = performance.Hall.Seat('B', 4);
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, seat);
        shop.Clock.Advance(startsAt - shop.Clock.GetUtcNow() + TimeSpan.FromMinutes(minutesAfterStart));

        var result = await shop.Cancellation.CancelAsync(booking.Id, buyer, asAdmin: minutesAfterStart > 0, Ct);

        Assert.Equal((CancelOutcome.Started, Booking.CannotCancelStarted.Message), (result.Outcome, result.Message));
        var stored = (await shop.StoredAsync(booking.Id))!;
        Assert.Equal((BookingStatus.Confirmed, (DateTimeOffset?)null), (stored.Status, stored.CancelledAt));
        var sold = (await SeatsAsync(node, performance.Id))[seat];
        Assert.Equal((SeatStatus.Sold, (Guid?)booking.Id), (sold.Status, sold.BookingId));
        Assert.Empty(shop.Ledger.Refunds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Declined_refunded_and_unpaid_checkouts_cannot_be_cancelled(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var troubled = new TroubledGateway(shop.Simulated) { Unreachable = true };

        var hold = await shop.HoldAsync(buyer, performance.Id, performance.Hall.Seat('A', 1));
        var declined = (await shop.Checkout.ConfirmAsync(buyer, hold.Id, "declined", Shop.Card with { Number = SimulatedPaymentGateway.DeclinedCard }, Ct)).Booking!;
        await Assert.ThrowsAsync<HttpRequestException>(() => shop.Through(troubled).Checkout.ConfirmAsync(buyer, hold.Id, "unpaid", Shop.Card, Ct));
        troubled.Unreachable = false;
        troubled.OnTheWay = () => shop.Clock.Advance(TimeSpan.FromMinutes(6));
        var refunded = (await shop.Through(troubled).Checkout.ConfirmAsync(buyer, hold.Id, "late", Shop.Card, Ct)).Booking!;
        var bookings = (await shop.StoredForAsync(performance.Id)).ToDictionary(b => b.IdempotencyKey);
        Assert.Equal(
            (BookingStatus.Cancelled, BookingStatus.PendingPayment, BookingStatus.Refunded),
            (bookings["declined"].Status, bookings["unpaid"].Status, bookings["late"].Status));

        foreach (var booking in bookings.Values)
        {
            var result = await shop.Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct);

            Assert.Equal((CancelOutcome.NotCancellable, BookingCancellation.NotCancellable.Message), (result.Outcome, result.Message));
            Assert.Equal(booking.Status, (await shop.StoredAsync(booking.Id))!.Status);
        }

        Assert.Equal(declined.Id, bookings["declined"].Id);
        Assert.Equal(refunded.Id, bookings["late"].Id);
        Assert.Single(shop.Ledger.Refunds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_refund_the_gateway_cannot_take_leaves_the_booking_cancelled_its_seats_free_and_the_refund_owed(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seat = performance.Hall.Seat('B', 2);
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, seat);
        var troubled = new TroubledGateway(shop.Simulated) { RefuseRefunds = true };

        var result = await shop.RunAsync(() => shop.Through(troubled).Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct));

        Assert.Equal((CancelOutcome.Cancelled, BookingCancellation.RefundOwed.Message), (result.Outcome, result.Message));
        var stored = (await shop.StoredAsync(booking.Id))!;
        Assert.Equal((BookingStatus.Cancelled, true, (DateTimeOffset?)null), (stored.Status, stored.OwesRefund, stored.RefundedAt));
        AssertFree((await SeatsAsync(node, performance.Id))[seat]);
        Assert.Equal(3, troubled.RefundAttempts);
        Assert.Empty(shop.Ledger.Refunds);
        Assert.Equal(100_000, shop.Ledger.NetCaptured);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Fifty_cancels_at_once_by_the_member_and_admins_cancel_once_and_refund_once(DatabaseProvider provider)
    {
        const int cancels = 50;
        var database = await databases.GetAsync(provider);
        var node = database.Services;
        await using var otherNode = database.NewNode();
        var performance = await OnSaleAsync(node);
        var (buyer, admin) = await TwoMembersAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seatIds = performance.Hall.Row('A').Take(3).ToArray();
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, seatIds);

        // Half on another node, half as an admin; a store that counts who really cancelled.
        var stores = new[] { new CountingStore(node.GetRequiredService<IBookingStore>()), new CountingStore(otherNode.GetRequiredService<IBookingStore>()) };
        var cancellations = stores.Select(s => new BookingCancellation(s, new RefundIssuer(s, shop.Gateway, shop.Clock), shop.Clock)).ToArray();
        var (results, duration) = await Race.RunAsync(
            cancels,
            i => cancellations[i % 2].CancelAsync(booking.Id, i % 4 < 2 ? buyer : admin, asAdmin: i % 4 >= 2, Ct));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.Equal((CancelOutcome.Cancelled, BookingCancellation.Cancelled.Message), (r.Result.Outcome, r.Result.Message)));
        Assert.Equal(1, stores.Sum(s => s.Cancelled));
        var stored = (await shop.StoredAsync(booking.Id))!;
        Assert.Equal((BookingStatus.Cancelled, false), (stored.Status, stored.OwesRefund));
        Assert.All(results, r => Assert.Equal(stored.CancelledAt, r.Result.Booking!.CancelledAt));
        var seats = await SeatsAsync(node, performance.Id);
        Assert.All(seatIds, id => AssertFree(seats[id]));
        var refund = Assert.Single(shop.Ledger.Refunds);
        Assert.Equal((booking.PaymentReference, 300_000L), (refund.Reference, refund.Amount));
        Assert.Equal(0, shop.Ledger.NetCaptured);
        var line = $"[cancel race] {provider}: {cancels} cancels of one booking at once: {stores.Sum(s => s.Cancelled)} cancelled it, {shop.Ledger.Refunds.Count} refund, {duration.TotalMilliseconds:F0} ms";
        output.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }

    /// <summary>The node's store, counting the cancellations it made happen.</summary>
    private sealed class CountingStore(IBookingStore inner) : IBookingStore
    {
        private int _cancelled;

        public int Cancelled => _cancelled;

        public async Task<bool> CancelConfirmedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var cancelled = await inner.CancelConfirmedAsync(bookingId, now, cancellationToken);
            if (cancelled)
            {
                Interlocked.Increment(ref _cancelled);
            }

            return cancelled;
        }

        public Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken) => inner.FindAsync(bookingId, cancellationToken);

        public Task<CheckoutStart> StartCheckoutAsync(string memberId, string idempotencyKey, Guid holdId, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.StartCheckoutAsync(memberId, idempotencyKey, holdId, now, cancellationToken);

        public Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken) => inner.AddPendingAsync(booking, cancellationToken);

        public Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.SellAsync(hold, booking, paymentReference, now, cancellationToken);

        public Task<bool> TryCancelAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) => inner.TryCancelAsync(bookingId, now, cancellationToken);

        public Task<bool> TryMarkRefundedAsync(Guid bookingId, string? paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.TryMarkRefundedAsync(bookingId, paymentReference, now, cancellationToken);

        public Task<bool> TryRecordLatePaymentAsync(Guid bookingId, string paymentReference, CancellationToken cancellationToken) =>
            inner.TryRecordLatePaymentAsync(bookingId, paymentReference, cancellationToken);

        public Task MarkRefundIssuedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) => inner.MarkRefundIssuedAsync(bookingId, now, cancellationToken);

        public Task<IReadOnlyList<Booking>> FindUnsettledAsync(DateTimeOffset pendingCreatedBefore, int max, CancellationToken cancellationToken) =>
            inner.FindUnsettledAsync(pendingCreatedBefore, max, cancellationToken);
    }
}
