using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Domain.Tests.Bookings;

public class BookingReconcilerTests
{
    private const int Performance = 7;
    private const string Minji = "member-minji";

    private static readonly CardDetails Card = new("4242 4242 4242 4242", "12/35", "123", "Kim Minji");

    private readonly DrivenClock _clock = new();
    private readonly FakeBookingStore _store = new();
    private readonly FakePaymentGateway _gateway = new();
    private readonly BookingLimits _limits = new() { HoldMinutes = 5 };

    public BookingReconcilerTests()
    {
        _store.Prices[11] = ("R", 99_000);
        _store.Prices[12] = ("S", 77_000);
        _store.PerformanceStarts[Performance] = _clock.GetUtcNow().AddDays(3);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The hold time and the grace: a pending booking older than this is the reconciler's.</summary>
    private TimeSpan PastTheGrace => _limits.HoldDuration + new ReconcilerOptions().Grace + TimeSpan.FromTicks(1);

    private RefundIssuer Refunds => new(_store, _gateway, _clock);

    private BookingService Checkout => new(_store, _gateway, Refunds, _clock);

    private BookingReconciler Reconciler => new(_store, _gateway, Refunds, _clock, _limits);

    private Task<ReconcileReport> ReconcileAsync() => _clock.RunAsync(() => Reconciler.ReconcileOnceAsync(Ct));

    private SeatHold NewHold(params int[] seats) =>
        _store.AddHold(new SeatHold(Guid.NewGuid(), Minji, Performance, seats, _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(_limits.HoldMinutes)));

    private Task<ConfirmResult> ConfirmAsync(SeatHold hold, string key = "key-1") => Checkout.ConfirmAsync(Minji, hold.Id, key, Card, Ct);

    [Fact]
    public async Task A_checkout_that_was_charged_but_never_heard_the_answer_is_refunded()
    {
        _gateway.LoseAnswers = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(11, 12)));
        var booking = Assert.Single(_store.Bookings);
        Assert.Equal(BookingStatus.PendingPayment, booking.Status);
        var charge = Assert.Single(_gateway.Charges);
        _clock.Advance(PastTheGrace);

        var report = await ReconcileAsync();

        Assert.Equal((0, 1, 0, 0), (report.Cancelled, report.Refunded, report.StillOwed, report.Failures.Count));
        Assert.Equal((BookingStatus.Refunded, charge.Reference), (booking.Status, booking.PaymentReference));
        Assert.Equal(_clock.GetUtcNow(), booking.CancelledAt);
        Assert.Equal(_clock.GetUtcNow(), booking.RefundedAt);
        Assert.Equal([charge], _gateway.Refunds);
        Assert.Equal(0, _gateway.NetCaptured);
        Assert.Empty(_store.SoldTo);
    }

    [Fact]
    public async Task A_checkout_that_never_reached_the_gateway_is_cancelled_and_nothing_is_refunded()
    {
        _gateway.DuringCharge = () => throw new HttpRequestException("Connection refused.");
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(11)));
        var booking = Assert.Single(_store.Bookings);
        _clock.Advance(PastTheGrace);

        var report = await ReconcileAsync();

        Assert.Equal((1, 0, 0, 0), (report.Cancelled, report.Refunded, report.StillOwed, report.Failures.Count));
        Assert.Equal((BookingStatus.Cancelled, null, false), (booking.Status, booking.PaymentReference, booking.OwesRefund));
        Assert.Empty(_gateway.Charges);
        Assert.Equal(0, _gateway.RefundCalls);
    }

    [Fact]
    public async Task A_checkout_the_gateway_declined_before_the_answer_was_lost_is_cancelled()
    {
        _gateway.NextOutcome = PaymentOutcome.Declined;
        _gateway.LoseAnswers = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(11)));
        _clock.Advance(PastTheGrace);

        var report = await ReconcileAsync();

        Assert.Equal((1, 0), (report.Cancelled, report.Refunded));
        Assert.Equal(BookingStatus.Cancelled, _store.Bookings.Single().Status);
        Assert.Equal(0, _gateway.RefundCalls);
    }

    [Fact]
    public async Task A_pending_checkout_younger_than_its_hold_and_the_grace_is_left_to_finish()
    {
        _gateway.LoseAnswers = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(11)));
        _clock.Advance(PastTheGrace - TimeSpan.FromTicks(1));

        var report = await ReconcileAsync();

        Assert.True(report.IsEmpty);
        Assert.Equal(BookingStatus.PendingPayment, _store.Bookings.Single().Status);
        Assert.Empty(_gateway.Refunds);
    }

    [Fact]
    public async Task A_refund_that_failed_at_cancellation_is_paid_by_the_next_round()
    {
        var booking = (await ConfirmAsync(NewHold(11, 12))).Booking!;
        _gateway.RefundFailures = int.MaxValue;
        var cancelled = await _clock.RunAsync(() => new BookingCancellation(_store, Refunds, _clock).CancelAsync(booking.Id, Minji, asAdmin: false, Ct));
        Assert.Equal(BookingCancellation.RefundOwed.Message, cancelled.Message);

        // While the gateway still refuses, the refund stays owed.
        var failing = await ReconcileAsync();
        Assert.Equal((0, 0, 1), (failing.Cancelled, failing.Refunded, failing.StillOwed));
        Assert.True(booking.OwesRefund);

        _gateway.RefundFailures = 0;
        var report = await ReconcileAsync();

        Assert.Equal((0, 1, 0), (report.Cancelled, report.Refunded, report.StillOwed));
        Assert.False(booking.OwesRefund);
        Assert.Equal([(booking.PaymentReference!, 176_000L)], _gateway.Refunds);
        Assert.True((await ReconcileAsync()).IsEmpty);
    }

    [Fact]
    public async Task A_round_with_nothing_unsettled_reports_nothing_and_leaves_confirmed_bookings_alone()
    {
        var booking = (await ConfirmAsync(NewHold(11, 12))).Booking!;
        _clock.Advance(TimeSpan.FromHours(1));

        var report = await ReconcileAsync();

        Assert.True(report.IsEmpty);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(2, _store.SoldTo.Count);
        Assert.Empty(_gateway.Refunds);
    }

    [Fact]
    public async Task Declined_and_refunded_checkouts_already_settled_are_left_alone()
    {
        _gateway.NextOutcome = PaymentOutcome.Declined;
        await ConfirmAsync(NewHold(11), "declined");
        _gateway.NextOutcome = PaymentOutcome.Approved;
        _gateway.DuringCharge = () => _clock.Advance(TimeSpan.FromMinutes(6));
        await ConfirmAsync(NewHold(12), "late");
        _clock.Advance(TimeSpan.FromHours(1));

        var report = await ReconcileAsync();

        Assert.True(report.IsEmpty);
        Assert.Single(_gateway.Refunds);
    }

    [Fact]
    public async Task A_charge_landing_after_the_reconciler_cancelled_the_checkout_is_recorded_and_refunded()
    {
        // The request is on its way to the processor when the reconciler, finding nothing under the
        // booking's key, gives the checkout up as unpaid; then the charge goes through.
        var reports = new List<ReconcileReport>();
        _gateway.DuringCharge = () =>
        {
            _clock.Advance(PastTheGrace);
            reports.Add(Reconciler.ReconcileOnceAsync(Ct).GetAwaiter().GetResult());
        };

        var result = await ConfirmAsync(NewHold(11, 12));

        Assert.Equal((1, 0), (reports.Single().Cancelled, reports.Single().Refunded));
        Assert.Equal((ConfirmOutcome.HoldExpired, BookingService.Refunded.Message), (result.Outcome, result.Message));
        var booking = Assert.Single(_store.Bookings);
        var charge = Assert.Single(_gateway.Charges);
        Assert.Equal((BookingStatus.Refunded, charge.Reference, false), (booking.Status, booking.PaymentReference, booking.OwesRefund));
        Assert.Equal([charge], _gateway.Refunds);
        Assert.Empty(_store.SoldTo);
    }

    [Fact]
    public async Task A_late_charge_whose_refund_fails_stays_owed_and_the_next_round_pays_it()
    {
        _gateway.DuringCharge = () =>
        {
            _clock.Advance(PastTheGrace);
            Reconciler.ReconcileOnceAsync(Ct).GetAwaiter().GetResult();
            _gateway.RefundFailures = int.MaxValue;
        };

        var result = await _clock.RunAsync(() => ConfirmAsync(NewHold(11)));

        Assert.Equal(ConfirmOutcome.HoldExpired, result.Outcome);
        var booking = Assert.Single(_store.Bookings);
        Assert.True(booking.OwesRefund);
        Assert.Empty(_gateway.Refunds);

        _gateway.RefundFailures = 0;
        var report = await ReconcileAsync();

        Assert.Equal(1, report.Refunded);
        Assert.False(booking.OwesRefund);
        Assert.Equal(0, _gateway.NetCaptured);
    }

    [Fact]
    public async Task A_booking_the_gateway_cannot_be_asked_about_is_reported_and_the_others_are_still_settled()
    {
        _gateway.DuringCharge = () => throw new HttpRequestException("Connection refused.");
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(11), "first"));
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(12), "second"));
        _clock.Advance(PastTheGrace);
        var unreachable = new ThrowingLookupGateway(_gateway, BookingService.GatewayKey(_store.Bookings[0]));

        var report = await _clock.RunAsync(() => new BookingReconciler(_store, unreachable, Refunds, _clock, _limits).ReconcileOnceAsync(Ct));

        Assert.Equal(1, report.Cancelled);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(_store.Bookings[0].Id, failure.BookingId);
        Assert.IsType<HttpRequestException>(failure.Error);
        Assert.Equal((BookingStatus.PendingPayment, BookingStatus.Cancelled), (_store.Bookings[0].Status, _store.Bookings[1].Status));
    }

    [Fact]
    public async Task Each_round_settles_at_most_one_batch_oldest_first()
    {
        _gateway.DuringCharge = () => throw new HttpRequestException("Connection refused.");
        for (var i = 0; i < BookingReconciler.BatchSize + 5; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(11), $"key-{i}"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        _clock.Advance(PastTheGrace);

        Assert.Equal(BookingReconciler.BatchSize, (await ReconcileAsync()).Cancelled);
        Assert.Equal(5, _store.Bookings.Count(b => b.Status == BookingStatus.PendingPayment));
        Assert.All(_store.Bookings.Skip(BookingReconciler.BatchSize), b => Assert.Equal(BookingStatus.PendingPayment, b.Status));
        Assert.Equal(5, (await ReconcileAsync()).Cancelled);
    }

    [Fact]
    public async Task A_configured_grace_settles_a_pending_checkout_that_much_past_its_hold_time_and_not_before()
    {
        var options = new ReconcilerOptions { GraceSeconds = 5 };
        var reconciler = new BookingReconciler(_store, _gateway, Refunds, _clock, _limits, options);
        _gateway.DuringCharge = () => throw new HttpRequestException("Connection refused.");
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync(NewHold(11)));
        var booking = Assert.Single(_store.Bookings);

        _clock.Advance(_limits.HoldDuration + TimeSpan.FromSeconds(5));
        var early = await _clock.RunAsync(() => reconciler.ReconcileOnceAsync(Ct));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var due = await _clock.RunAsync(() => reconciler.ReconcileOnceAsync(Ct));

        Assert.Equal(TimeSpan.FromSeconds(5), reconciler.Grace);
        Assert.True(early.IsEmpty);
        Assert.Equal(1, due.Cancelled);
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
    }

    /// <summary>A gateway whose lookup of one key fails, as when the processor cannot be reached.</summary>
    private sealed class ThrowingLookupGateway(IPaymentGateway inner, string failingKey) : IPaymentGateway
    {
        public Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken) =>
            inner.AuthorizeAndCaptureAsync(request, cancellationToken);

        public Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken) =>
            inner.RefundAsync(reference, amount, cancellationToken);

        public Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            idempotencyKey == failingKey
                ? Task.FromException<PaymentResult?>(new HttpRequestException("The payment service did not answer."))
                : inner.FindAsync(idempotencyKey, cancellationToken);
    }
}
