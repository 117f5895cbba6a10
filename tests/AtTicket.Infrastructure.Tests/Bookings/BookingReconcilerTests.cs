using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// Settling checkouts and refunds left half-way, on the real databases with the simulated processor. The reconciler
/// settles every booking of its database, and each test moves its own clock past the grace, so each test has a
/// database of its own: another test's leftovers would be settled too, through another test's processor.
/// </summary>
public sealed class BookingReconcilerTests
{
    private static readonly BookingLimits Limits = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>From a booking's creation until the reconciler may settle it.</summary>
    private static TimeSpan PastTheGrace => Limits.HoldDuration + new ReconcilerOptions().Grace + TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_checkout_charged_whose_answer_was_lost_is_refunded_and_its_seats_freed_by_the_sweep(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var node = database.Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seats = new[] { performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2) };
        var hold = await shop.HoldAsync(buyer, performance.Id, seats);
        var lost = new TroubledGateway(shop.Simulated) { LoseAnswers = true };
        await Assert.ThrowsAsync<HttpRequestException>(() => shop.Through(lost).Checkout.ConfirmAsync(buyer, hold.Id, "lost", Shop.Card, Ct));
        var pending = (await shop.StoredForAsync(performance.Id)).Single();
        var charge = Assert.Single(shop.Ledger.Charges);
        Assert.Equal((BookingStatus.PendingPayment, 200_000L), (pending.Status, charge.Amount));
        shop.Clock.Advance(PastTheGrace);

        var report = await shop.Reconciler().ReconcileOnceAsync(Ct);

        Assert.Equal((0, 1, 0, 0), (report.Cancelled, report.Refunded, report.StillOwed, report.Failures.Count));
        var booking = (await shop.StoredAsync(pending.Id))!;
        Assert.Equal((BookingStatus.Refunded, charge.Reference, false), (booking.Status, booking.PaymentReference, booking.OwesRefund));
        Assert.Equal((shop.Clock.GetUtcNow(), shop.Clock.GetUtcNow()), (booking.CancelledAt, booking.RefundedAt));
        Assert.Equal(charge.Reference, Assert.Single(shop.Ledger.Refunds).Reference);
        Assert.Equal(0, shop.Ledger.NetCaptured);

        // The seats were never sold; the expired hold is the sweeper's, which frees them.
        var held = await SeatsAsync(node, performance.Id);
        Assert.All(seats, id => Assert.Equal(SeatStatus.Held, held[id].Status));
        await Inventory(node).ReleaseExpiredAsync(shop.Clock.GetUtcNow(), Ct);
        var swept = await SeatsAsync(node, performance.Id);
        Assert.All(seats, id => AssertFree(swept[id]));

        // The member asking again under the same key hears the same story, and nothing moves.
        var replay = await shop.Checkout.ConfirmAsync(buyer, hold.Id, "lost", Shop.Card, Ct);
        Assert.Equal((ConfirmOutcome.HoldExpired, BookingService.Refunded.Message, pending.Id), (replay.Outcome, replay.Message, replay.Booking!.Id));
        Assert.Single(shop.Ledger.Charges);
        Assert.True((await shop.Reconciler().ReconcileOnceAsync(Ct)).IsEmpty);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_checkout_that_never_reached_the_processor_is_cancelled_with_nothing_to_refund(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var node = database.Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var hold = await shop.HoldAsync(buyer, performance.Id, performance.Hall.Seat('B', 1));
        var down = new TroubledGateway(shop.Simulated) { Unreachable = true };
        await Assert.ThrowsAsync<HttpRequestException>(() => shop.Through(down).Checkout.ConfirmAsync(buyer, hold.Id, "down", Shop.Card, Ct));
        shop.Clock.Advance(PastTheGrace);

        var report = await shop.Reconciler().ReconcileOnceAsync(Ct);

        Assert.Equal((1, 0, 0, 0), (report.Cancelled, report.Refunded, report.StillOwed, report.Failures.Count));
        var booking = (await shop.StoredForAsync(performance.Id)).Single();
        Assert.Equal((BookingStatus.Cancelled, null, false, (DateTimeOffset?)shop.Clock.GetUtcNow()), (booking.Status, booking.PaymentReference, booking.OwesRefund, booking.CancelledAt));
        Assert.Empty(shop.Ledger.Charges);
        Assert.Empty(shop.Ledger.Refunds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_refund_owed_since_a_cancellation_is_paid_by_the_next_round(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var node = database.Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var booking = await shop.ConfirmedAsync(buyer, performance.Id, performance.Hall.Seat('B', 2), performance.Hall.Seat('B', 3));
        var refusing = new TroubledGateway(shop.Simulated) { RefuseRefunds = true };
        var cancelled = await shop.RunAsync(() => shop.Through(refusing).Cancellation.CancelAsync(booking.Id, buyer, asAdmin: false, Ct));
        Assert.Equal(BookingCancellation.RefundOwed.Message, cancelled.Message);

        var stillRefusing = await shop.RunAsync(() => shop.Through(refusing).Reconciler().ReconcileOnceAsync(Ct));
        var report = await shop.Reconciler().ReconcileOnceAsync(Ct);

        Assert.Equal((0, 0, 1), (stillRefusing.Cancelled, stillRefusing.Refunded, stillRefusing.StillOwed));
        Assert.Equal((0, 1, 0), (report.Cancelled, report.Refunded, report.StillOwed));
        var stored = (await shop.StoredAsync(booking.Id))!;
        Assert.Equal((BookingStatus.Cancelled, false), (stored.Status, stored.OwesRefund));
        Assert.NotNull(stored.RefundedAt);
        Assert.Equal((booking.PaymentReference, 200_000L), (Assert.Single(shop.Ledger.Refunds).Reference, shop.Ledger.Refunds[0].Amount));
        Assert.True((await shop.Reconciler().ReconcileOnceAsync(Ct)).IsEmpty);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Confirmed_settled_and_recent_bookings_are_left_alone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var node = database.Services;
        var performance = await OnSaleAsync(node);
        var (first, second) = await TwoMembersAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var confirmed = await shop.ConfirmedAsync(first, performance.Id, performance.Hall.Seat('A', 1));
        var cancelled = await shop.ConfirmedAsync(second, performance.Id, performance.Hall.Seat('A', 2));
        await shop.Cancellation.CancelAsync(cancelled.Id, second, asAdmin: false, Ct);
        var declinedHold = await shop.HoldAsync(second, performance.Id, performance.Hall.Seat('A', 3));
        await shop.Checkout.ConfirmAsync(second, declinedHold.Id, "declined", Shop.Card with { Number = SimulatedPaymentGateway.DeclinedCard }, Ct);
        shop.Clock.Advance(TimeSpan.FromMinutes(10));

        // A checkout younger than its hold time and the grace may still be finishing: not yet the reconciler's.
        var recentHold = await shop.HoldAsync(first, performance.Id, performance.Hall.Seat('A', 4));
        await Assert.ThrowsAsync<HttpRequestException>(() => shop.Through(new TroubledGateway(shop.Simulated) { LoseAnswers = true }).Checkout.ConfirmAsync(first, recentHold.Id, "recent", Shop.Card, Ct));
        shop.Clock.Advance(PastTheGrace - TimeSpan.FromSeconds(2));
        var before = (await shop.StoredForAsync(performance.Id)).ToDictionary(b => b.Id, b => (b.Status, b.RefundedAt));

        var report = await shop.Reconciler().ReconcileOnceAsync(Ct);

        Assert.True(report.IsEmpty, $"{report}");
        Assert.Equal(before, (await shop.StoredForAsync(performance.Id)).ToDictionary(b => b.Id, b => (b.Status, b.RefundedAt)));
        Assert.Equal(BookingStatus.Confirmed, before[confirmed.Id].Status);
        Assert.Single(shop.Ledger.Refunds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_charge_landing_after_the_reconciler_gave_the_checkout_up_is_recorded_and_refunded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var node = database.Services;
        var performance = await OnSaleAsync(node);
        var buyer = await MemberAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var seat = performance.Hall.Seat('B', 4);
        var hold = await shop.HoldAsync(buyer, performance.Id, seat);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new TroubledGateway(shop.Simulated) { Gate = gate.Task };

        // The request is on its way to the processor when the reconciler finds nothing under its key.
        var checkout = shop.Through(slow).Checkout.ConfirmAsync(buyer, hold.Id, "slow", Shop.Card, Ct);
        while ((await shop.StoredForAsync(performance.Id)).Count == 0)
        {
            Assert.False(checkout.IsCompleted, "The checkout ended before it reached the gateway.");
            await Task.Delay(10, Ct);
        }

        shop.Clock.Advance(PastTheGrace);
        var report = await shop.Reconciler().ReconcileOnceAsync(Ct);
        gate.SetResult();
        var result = await checkout;

        Assert.Equal(1, report.Cancelled);
        Assert.Equal((ConfirmOutcome.HoldExpired, BookingService.Refunded.Message), (result.Outcome, result.Message));
        var booking = (await shop.StoredAsync(result.Booking!.Id))!;
        var charge = Assert.Single(shop.Ledger.Charges);
        Assert.Equal((BookingStatus.Refunded, charge.Reference, false), (booking.Status, booking.PaymentReference, booking.OwesRefund));
        Assert.Equal(charge.Reference, Assert.Single(shop.Ledger.Refunds).Reference);
        Assert.NotEqual(SeatStatus.Sold, (await SeatsAsync(node, performance.Id))[seat].Status);
        Assert.True((await shop.Reconciler().ReconcileOnceAsync(Ct)).IsEmpty);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Reconcilers_on_several_nodes_at_once_refund_each_lost_charge_once(DatabaseProvider provider)
    {
        const int lost = 20;
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var node = database.Services;
        var others = Enumerable.Range(0, 2).Select(_ => database.NewNode()).ToList();
        try
        {
            var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: lost);
            var members = await MembersAsync(node, lost);
            var shop = new Shop(node, ClockAtNow());
            var troubled = new TroubledGateway(shop.Simulated) { LoseAnswers = true };
            for (var i = 0; i < lost; i++)
            {
                troubled.Unreachable = i % 4 == 3; // a quarter never charged
                var hold = await shop.HoldAsync(members[i], performance.Id, performance.Hall.Seat('A', i + 1));
                await Assert.ThrowsAsync<HttpRequestException>(() => shop.Through(troubled).Checkout.ConfirmAsync(members[i], hold.Id, $"lost-{i}", Shop.Card, Ct));
            }

            shop.Clock.Advance(PastTheGrace);
            var reconcilers = others.Prepend(node).Select(n => new Shop(n, shop.Clock, simulated: shop.Simulated).Reconciler()).ToList();

            var (results, _) = await Race.RunAsync(reconcilers.Count * 2, i => reconcilers[i % reconcilers.Count].ReconcileOnceAsync(Ct));

            Assert.All(results, r => Assert.Null(r.Error));
            Assert.All(results, r => Assert.Empty(r.Result.Failures));
            var bookings = await shop.StoredForAsync(performance.Id);
            Assert.Equal(lost / 4, bookings.Count(b => b.Status == BookingStatus.Cancelled));
            Assert.Equal(lost / 4, results.Sum(r => r.Result.Cancelled));
            Assert.All(bookings.Where(b => b.Status != BookingStatus.Cancelled), b => Assert.Equal((BookingStatus.Refunded, false), (b.Status, b.OwesRefund)));
            Assert.Equal(lost - (lost / 4), shop.Ledger.Charges.Count);
            Assert.Equal(shop.Ledger.Charges.Select(c => c.Reference).Order(), shop.Ledger.Refunds.Select(r => r.Reference).Order());
            Assert.Equal(0, shop.Ledger.NetCaptured);
        }
        finally
        {
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_service_reconciles_when_it_starts_and_again_every_minute(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var node = database.Services;
        var performance = await OnSaleAsync(node);
        var (first, second) = await TwoMembersAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var lost = new TroubledGateway(shop.Simulated) { LoseAnswers = true };
        var firstHold = await shop.HoldAsync(first, performance.Id, performance.Hall.Seat('A', 1));
        await Assert.ThrowsAsync<HttpRequestException>(() => shop.Through(lost).Checkout.ConfirmAsync(first, firstHold.Id, "first", Shop.Card, Ct));
        shop.Clock.Advance(PastTheGrace);
        var secondHold = await shop.HoldAsync(second, performance.Id, performance.Hall.Seat('A', 2));
        lost.Unreachable = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => shop.Through(lost).Checkout.ConfirmAsync(second, secondHold.Id, "second", Shop.Card, Ct));
        var bookings = (await shop.StoredForAsync(performance.Id)).ToDictionary(b => b.IdempotencyKey, b => b.Id);
        using var service = new BookingReconcilerService(shop.Reconciler(), new ReconcilerOptions(), shop.Clock, NullLogger<BookingReconcilerService>.Instance);

        await service.StartAsync(Ct);
        try
        {
            // Marked refunded first, then refunded: the booking owes nothing once the processor took the refund.
            await EventuallyAsync(async () => (await shop.StoredAsync(bookings["first"]))! is { Status: BookingStatus.Refunded, OwesRefund: false });
            Assert.Equal(0, shop.Ledger.NetCaptured);
            Assert.Equal(BookingStatus.PendingPayment, (await shop.StoredAsync(bookings["second"]))!.Status);

            shop.Clock.Advance(PastTheGrace);
            await EventuallyAsync(async () => (await shop.StoredAsync(bookings["second"]))!.Status == BookingStatus.Cancelled);
        }
        finally
        {
            await service.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task The_app_runs_the_reconciler_in_the_background()
    {
        await using var services = TestDatabase.BuildServices(new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Database"] = "Data Source=:memory:" });

        Assert.Single(services.GetServices<IHostedService>().OfType<BookingReconcilerService>());
        _ = services.GetRequiredService<BookingReconciler>(); // throws when something it needs is not registered
    }

    [Fact]
    public async Task The_reconcilers_interval_and_grace_come_from_configuration_and_default_to_a_minute_and_two()
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Database"] = "Data Source=:memory:" };
        await using var defaults = TestDatabase.BuildServices(settings);
        settings["Reconciler:IntervalSeconds"] = "2";
        settings["Reconciler:GraceSeconds"] = "5";
        await using var configured = TestDatabase.BuildServices(settings);
        settings["Reconciler:IntervalSeconds"] = "0";
        await using var refused = TestDatabase.BuildServices(settings);

        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), (defaults.GetRequiredService<ReconcilerOptions>().Interval, defaults.GetRequiredService<BookingReconciler>().Grace));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), (configured.GetRequiredService<ReconcilerOptions>().Interval, configured.GetRequiredService<BookingReconciler>().Grace));
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => refused.GetRequiredService<ReconcilerOptions>());
        Assert.Contains("Reconciler:IntervalSeconds", error.Message);
    }

    [Fact]
    public async Task The_simulated_processor_tells_what_it_did_with_a_key_and_nothing_for_a_key_it_never_saw()
    {
        var gateway = Shop.NewGateway(TimeProvider.System);
        var approved = await gateway.AuthorizeAndCaptureAsync(new PaymentRequest(50_000, Shop.Card, "paid"), Ct);
        var declined = await gateway.AuthorizeAndCaptureAsync(new PaymentRequest(50_000, Shop.Card with { Number = SimulatedPaymentGateway.DeclinedCard }, "declined"), Ct);

        Assert.Equal(approved, await gateway.FindAsync("paid", Ct));
        Assert.Equal(declined, await gateway.FindAsync("declined", Ct));
        Assert.Null(await gateway.FindAsync("never-sent", Ct));
        Assert.Single(gateway.Ledger.Charges);
    }

    [Fact]
    public async Task The_simulated_processor_asked_about_a_charge_in_flight_answers_once_it_is_done()
    {
        var clock = ClockAtNow();
        var gateway = Shop.NewGateway(clock, latencyMilliseconds: 300);
        var charge = gateway.AuthorizeAndCaptureAsync(new PaymentRequest(50_000, Shop.Card, "in-flight"), Ct);

        var lookup = gateway.FindAsync("in-flight", Ct);
        Assert.False(lookup.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(PaymentOutcome.Approved, (await lookup)!.Outcome);
        Assert.Equal(await charge, await lookup);
    }

    private static Task EventuallyAsync(Func<Task<bool>> condition) =>
        Within.UntilAsync(condition, () => "The reconciler did not settle the booking.");
}
