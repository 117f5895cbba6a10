using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;

namespace AtTicket.Domain.Tests.Bookings;

public class BookingCancellationTests
{
    private const int Performance = 7;
    private const string Minji = "member-minji";
    private const string Jisoo = "member-jisoo";

    private static readonly CardDetails Card = new("4242 4242 4242 4242", "12/35", "123", "Kim Minji");

    private readonly DrivenClock _clock = new();
    private readonly FakeBookingStore _store = new();
    private readonly FakePaymentGateway _gateway = new();
    private readonly DateTimeOffset _startsAt;

    public BookingCancellationTests()
    {
        _store.Prices[11] = ("R", 99_000);
        _store.Prices[12] = ("S", 77_000);
        _startsAt = _clock.GetUtcNow().AddDays(3);
        _store.PerformanceStarts[Performance] = _startsAt;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RefundIssuer Refunds => new(_store, _gateway, _clock);

    private BookingCancellation Cancellation => new(_store, Refunds, _clock);

    private Task<CancelResult> CancelAsync(Guid bookingId, string member = Minji, bool asAdmin = false) =>
        _clock.RunAsync(() => Cancellation.CancelAsync(bookingId, member, asAdmin, Ct));

    /// <summary>Minji's seats 11 and 12, held and paid through the checkout.</summary>
    private async Task<Booking> ConfirmedAsync(string key = "key-1")
    {
        var hold = _store.AddHold(new SeatHold(Guid.NewGuid(), Minji, Performance, [11, 12], _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(5)));
        var result = await new BookingService(_store, _gateway, Refunds, _clock).ConfirmAsync(Minji, hold.Id, key, Card, Ct);
        Assert.Equal(ConfirmOutcome.Confirmed, result.Outcome);
        return result.Booking!;
    }

    [Fact]
    public async Task Cancelling_a_confirmed_booking_frees_its_seats_and_refunds_the_payment()
    {
        var booking = await ConfirmedAsync();
        _clock.Advance(TimeSpan.FromDays(1));

        var result = await CancelAsync(booking.Id);

        Assert.Equal((CancelOutcome.Cancelled, RefusalCode.BookingCancelled, BookingCancellation.Cancelled.Message), (result.Outcome, result.Said.Code, result.Message));
        Assert.Equal((booking.Id, BookingStatus.Cancelled), (result.Booking!.Id, result.Booking.Status));
        Assert.Equal(TestClock.Start.AddDays(1), result.Booking.CancelledAt);
        Assert.Equal(TestClock.Start.AddDays(1), result.Booking.RefundedAt);
        Assert.False(result.Booking.OwesRefund);
        Assert.Empty(_store.SoldTo);
        Assert.Equal([(booking.PaymentReference!, 176_000L)], _gateway.Refunds);
        Assert.Equal(0, _gateway.NetCaptured);
    }

    [Fact]
    public async Task Cancelling_twice_answers_the_first_cancellation_and_refunds_once()
    {
        var booking = await ConfirmedAsync();
        var first = await CancelAsync(booking.Id);
        _clock.Advance(TimeSpan.FromHours(1));

        var again = await CancelAsync(booking.Id);

        Assert.Equal((CancelOutcome.Cancelled, BookingCancellation.Cancelled.Message), (again.Outcome, again.Message));
        Assert.Equal(first.Booking!.CancelledAt, again.Booking!.CancelledAt);
        Assert.Single(_gateway.Refunds);
        Assert.Equal(1, _gateway.RefundCalls);
    }

    [Fact]
    public async Task Another_members_booking_is_not_found_and_stays_as_it_was()
    {
        var booking = await ConfirmedAsync();

        var result = await CancelAsync(booking.Id, Jisoo);

        Assert.Equal((CancelOutcome.NotFound, null), (result.Outcome, result.Booking));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(2, _store.SoldTo.Count);
        Assert.Empty(_gateway.Refunds);
    }

    [Fact]
    public async Task An_unknown_booking_is_not_found()
    {
        Assert.Equal(CancelOutcome.NotFound, (await CancelAsync(Guid.NewGuid(), asAdmin: true)).Outcome);
    }

    [Fact]
    public async Task An_admin_may_cancel_any_members_booking()
    {
        var booking = await ConfirmedAsync();

        var result = await CancelAsync(booking.Id, "admin-1", asAdmin: true);

        Assert.Equal((CancelOutcome.Cancelled, BookingStatus.Cancelled), (result.Outcome, result.Booking!.Status));
        Assert.Empty(_store.SoldTo);
        Assert.Single(_gateway.Refunds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    public async Task Once_the_performance_has_started_the_booking_stands(int minutesAfterStart)
    {
        var booking = await ConfirmedAsync();
        _clock.Advance(_startsAt - _clock.GetUtcNow() + TimeSpan.FromMinutes(minutesAfterStart));

        var result = await CancelAsync(booking.Id, asAdmin: minutesAfterStart > 0);

        Assert.Equal((CancelOutcome.Started, Booking.CannotCancelStarted.Message), (result.Outcome, result.Message));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(2, _store.SoldTo.Count);
        Assert.Empty(_gateway.Refunds);
    }

    [Fact]
    public async Task One_moment_before_the_start_a_booking_can_still_be_cancelled()
    {
        var booking = await ConfirmedAsync();
        _clock.Advance(_startsAt - _clock.GetUtcNow() - TimeSpan.FromTicks(1));

        Assert.Equal(CancelOutcome.Cancelled, (await CancelAsync(booking.Id)).Outcome);
    }

    [Fact]
    public async Task A_booking_cancelled_before_the_start_still_answers_cancelled_after_it()
    {
        var booking = await ConfirmedAsync();
        await CancelAsync(booking.Id);
        _clock.Advance(TimeSpan.FromDays(5));

        var result = await CancelAsync(booking.Id);

        Assert.Equal(CancelOutcome.Cancelled, result.Outcome);
        Assert.Single(_gateway.Refunds);
    }

    [Fact]
    public async Task A_declined_checkout_cannot_be_cancelled()
    {
        _gateway.NextOutcome = PaymentOutcome.Declined;
        var hold = _store.AddHold(new SeatHold(Guid.NewGuid(), Minji, Performance, [11], _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(5)));
        var declined = (await new BookingService(_store, _gateway, Refunds, _clock).ConfirmAsync(Minji, hold.Id, "key-1", Card, Ct)).Booking!;

        var result = await CancelAsync(declined.Id);

        Assert.Equal((CancelOutcome.NotCancellable, BookingCancellation.NotCancellable.Message), (result.Outcome, result.Message));
        Assert.Equal(BookingStatus.Cancelled, declined.Status);
        Assert.Equal(0, _gateway.RefundCalls);
    }

    [Fact]
    public async Task A_refunded_checkout_cannot_be_cancelled()
    {
        var hold = _store.AddHold(new SeatHold(Guid.NewGuid(), Minji, Performance, [11], _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(5)));
        _gateway.DuringCharge = () => _clock.Advance(TimeSpan.FromMinutes(6));
        var refunded = (await new BookingService(_store, _gateway, Refunds, _clock).ConfirmAsync(Minji, hold.Id, "key-1", Card, Ct)).Booking!;
        Assert.Equal(BookingStatus.Refunded, refunded.Status);

        var result = await CancelAsync(refunded.Id, asAdmin: true);

        Assert.Equal(CancelOutcome.NotCancellable, result.Outcome);
        Assert.Single(_gateway.Refunds);
    }

    [Fact]
    public async Task A_checkout_still_awaiting_payment_cannot_be_cancelled()
    {
        var pending = new BookingBuilder().ForMember(Minji).Build();
        await _store.AddPendingAsync(pending, Ct);

        var result = await CancelAsync(pending.Id);

        Assert.Equal(CancelOutcome.NotCancellable, result.Outcome);
        Assert.Equal(BookingStatus.PendingPayment, pending.Status);
    }

    [Fact]
    public async Task A_refund_the_gateway_refuses_leaves_the_booking_cancelled_and_owing_until_a_later_cancel_pays_it()
    {
        var booking = await ConfirmedAsync();
        _gateway.RefundFailures = int.MaxValue;

        var result = await CancelAsync(booking.Id);

        Assert.Equal((CancelOutcome.Cancelled, RefusalCode.BookingCancelledRefundOwed, BookingCancellation.RefundOwed.Message), (result.Outcome, result.Said.Code, result.Message));
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.True(booking.OwesRefund);
        Assert.Empty(_store.SoldTo);
        Assert.Empty(_gateway.Refunds);
        Assert.Equal(3, _gateway.RefundCalls);

        // Asking again once the gateway answers pays what was owed, once.
        _gateway.RefundFailures = 0;
        var again = await CancelAsync(booking.Id);

        Assert.Equal((CancelOutcome.Cancelled, BookingCancellation.Cancelled.Message), (again.Outcome, again.Message));
        Assert.False(booking.OwesRefund);
        Assert.Single(_gateway.Refunds);
    }
}
