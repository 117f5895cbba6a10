using System.Text.RegularExpressions;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Bookings;

public partial class BookingServiceTests
{
    private const int Performance = 7;
    private const string Minji = "member-minji";
    private const string Jisoo = "member-jisoo";

    private static readonly CardDetails Card = new("4242 4242 4242 4242", "12/35", "123", "Kim Minji");

    private readonly FakeTimeProvider _clock = TestClock.New();
    private readonly FakeBookingStore _store = new();
    private readonly FakePaymentGateway _gateway = new();
    private readonly SeatHold _hold;

    public BookingServiceTests()
    {
        _store.Prices[11] = ("R", 99_000);
        _store.Prices[12] = ("S", 77_000);
        _hold = _store.AddHold(new SeatHold(Guid.NewGuid(), Minji, Performance, [12, 11], _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(5)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BookingService Service => new(_store, _gateway, new RefundIssuer(_store, _gateway, _clock), _clock);

    private Task<ConfirmResult> ConfirmAsync(string key = "key-1", string member = Minji, Guid? holdId = null, CardDetails? card = null) =>
        Service.ConfirmAsync(member, holdId ?? _hold.Id, key, card ?? Card, Ct);

    [Fact]
    public async Task Confirm_charges_the_total_sells_the_held_seats_and_issues_a_ticket_per_seat_at_its_grade_price()
    {
        var result = await ConfirmAsync();

        Assert.Equal(ConfirmOutcome.Confirmed, result.Outcome);
        var booking = result.Booking!;
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal((Minji, Performance, _hold.Id, "key-1"), (booking.MemberId, booking.PerformanceId, booking.HoldId, booking.IdempotencyKey));
        Assert.Equal([(11, "R", 99_000L), (12, "S", 77_000L)], booking.Tickets.Select(t => (t.SeatId, t.GradeName, t.Price)).OrderBy(t => t.SeatId));
        Assert.Equal(176_000, booking.TotalAmount);
        Assert.Equal(2, booking.Tickets.Select(t => t.Code).Distinct().Count());
        var charge = Assert.Single(_gateway.Charges);
        Assert.Equal((charge.Reference, 176_000L), (booking.PaymentReference, charge.Amount));
        Assert.Equal(BookingService.GatewayKey(booking), Assert.Single(_gateway.Requests).IdempotencyKey);
        Assert.Equal(HoldStatus.Converted, _hold.Status);
        Assert.Equal([booking.Id, booking.Id], [_store.SoldTo[11], _store.SoldTo[12]]);
        Assert.Equal(_clock.GetUtcNow(), booking.ConfirmedAt);
    }

    [Fact]
    public void Booking_numbers_are_AT_the_date_and_six_unambiguous_characters()
    {
        var number = BookingService.NewNumber(new DateTimeOffset(2026, 3, 15, 23, 30, 0, TimeSpan.FromHours(-2)));

        Assert.Matches(NumberPattern(), number);
        Assert.StartsWith("AT260316", number);
    }

    [Fact]
    public void Booking_numbers_made_at_the_same_moment_differ_in_their_random_characters()
    {
        // Same date part, so only the six random characters can tell them apart. Two of 32^6 (about a
        // billion) numbers meet by chance about once in a billion runs; a fixed or date-derived suffix meets every time.
        var numbers = Enumerable.Range(0, 2).Select(_ => BookingService.NewNumber(TestClock.Start)).ToList();

        Assert.All(numbers, n => Assert.StartsWith("AT300501", n));
        Assert.NotEqual(numbers[0], numbers[1]);
    }

    [Fact]
    public async Task The_same_key_twice_answers_the_same_booking_and_charges_once()
    {
        var first = await ConfirmAsync();
        _clock.Advance(TimeSpan.FromMinutes(10));
        var again = await ConfirmAsync();

        Assert.Equal(ConfirmOutcome.Confirmed, again.Outcome);
        Assert.Equal(first.Booking!.Id, again.Booking!.Id);
        Assert.Single(_store.Bookings);
        Assert.Single(_gateway.Charges);
        Assert.Single(_gateway.Requests);
    }

    [Theory]
    [InlineData(PaymentOutcome.Declined)]
    [InlineData(PaymentOutcome.InsufficientFunds)]
    [InlineData(PaymentOutcome.GatewayError)]
    public async Task A_refused_payment_cancels_the_booking_keeps_the_hold_and_a_new_key_can_pay(PaymentOutcome refusal)
    {
        _gateway.NextOutcome = refusal;

        var declined = await ConfirmAsync("key-1");

        Assert.Equal(ConfirmOutcome.PaymentDeclined, declined.Outcome);
        Assert.Equal(BookingStatus.Cancelled, declined.Booking!.Status);
        Assert.Empty(_gateway.Charges);
        Assert.Equal(HoldStatus.Active, _hold.Status);
        Assert.Empty(_store.SoldTo);

        // The same key answers the decline again without going to the gateway...
        var replay = await ConfirmAsync("key-1");
        Assert.Equal((ConfirmOutcome.PaymentDeclined, declined.Booking.Id), (replay.Outcome, replay.Booking!.Id));
        Assert.Single(_gateway.Requests);

        // ...and a new key is a new attempt, charged under a new gateway key.
        _gateway.NextOutcome = PaymentOutcome.Approved;
        var paid = await ConfirmAsync("key-2");
        Assert.Equal(ConfirmOutcome.Confirmed, paid.Outcome);
        Assert.NotEqual(declined.Booking.Id, paid.Booking!.Id);
        Assert.Equal(2, _gateway.Requests.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Single(_gateway.Charges);
        Assert.Equal(HoldStatus.Converted, _hold.Status);
    }

    [Fact]
    public async Task An_expired_hold_is_refused_before_anything_is_charged()
    {
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1));

        var result = await ConfirmAsync();

        Assert.Equal((ConfirmOutcome.HoldExpired, null, BookingService.HoldExpired.Message), (result.Outcome, result.Booking, result.Message));
        Assert.Empty(_gateway.Requests);
        Assert.Empty(_store.Bookings);
    }

    [Fact]
    public async Task A_hold_still_live_at_its_last_instant_can_be_confirmed()
    {
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(ConfirmOutcome.Confirmed, (await ConfirmAsync()).Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_payment_approved_after_the_hold_expired_is_refunded_with_a_clear_message(bool sweptMeanwhile)
    {
        _store.SweepBeforeSale = sweptMeanwhile;
        _gateway.DuringCharge = () => _clock.Advance(TimeSpan.FromMinutes(6));

        var result = await ConfirmAsync();

        Assert.Equal(ConfirmOutcome.HoldExpired, result.Outcome);
        Assert.Contains("refunded", result.Message, StringComparison.Ordinal);
        var booking = result.Booking!;
        Assert.Equal(BookingStatus.Refunded, booking.Status);
        var charge = Assert.Single(_gateway.Charges);
        Assert.Equal([charge], _gateway.Refunds);
        Assert.Equal(charge.Reference, booking.PaymentReference);
        Assert.Equal(0, _gateway.NetCaptured);
        Assert.Empty(_store.SoldTo);

        // Replaying the key tells the same story and charges nothing more.
        var replay = await ConfirmAsync();
        Assert.Equal((ConfirmOutcome.HoldExpired, booking.Id), (replay.Outcome, replay.Booking!.Id));
        Assert.Single(_gateway.Charges);
        Assert.Single(_gateway.Refunds);
    }

    [Fact]
    public async Task A_charge_whose_checkout_the_reconciler_cancelled_meanwhile_is_written_down_and_refunded()
    {
        _gateway.DuringCharge = () => _clock.Advance(TimeSpan.FromMinutes(6));
        _store.BeforeMarkRefunded = booking => booking.Cancel(_clock.GetUtcNow(), DateTimeOffset.MaxValue); // the reconciler saw no charge yet

        var result = await ConfirmAsync();

        var booking = Assert.Single(_store.Bookings);
        var charge = Assert.Single(_gateway.Charges);
        Assert.Equal([charge], _gateway.Refunds);
        Assert.Equal(0, _gateway.NetCaptured);
        Assert.Equal(charge.Reference, booking.PaymentReference);
        Assert.False(booking.OwesRefund);
        Assert.NotEqual(ConfirmOutcome.Confirmed, result.Outcome);
    }

    [Fact]
    public async Task A_failure_after_capture_refunds_marks_the_booking_refunded_and_surfaces()
    {
        _store.FailSale = new TimeoutException("The database did not answer.");

        await Assert.ThrowsAsync<TimeoutException>(() => ConfirmAsync());

        var booking = Assert.Single(_store.Bookings);
        Assert.Equal(BookingStatus.Refunded, booking.Status);
        Assert.Single(_gateway.Charges);
        Assert.Single(_gateway.Refunds);
        Assert.Equal(0, _gateway.NetCaptured);
        Assert.Empty(_store.SoldTo);
        Assert.Equal(HoldStatus.Active, _hold.Status);
    }

    [Fact]
    public async Task Another_members_hold_is_not_found_and_nothing_is_charged()
    {
        var result = await ConfirmAsync(member: Jisoo);

        Assert.Equal((ConfirmOutcome.HoldNotFound, null), (result.Outcome, result.Booking));
        Assert.Empty(_gateway.Requests);
        Assert.Empty(_store.Bookings);
        Assert.Equal(HoldStatus.Active, _hold.Status);
    }

    [Fact]
    public async Task An_unknown_hold_is_not_found()
    {
        Assert.Equal(ConfirmOutcome.HoldNotFound, (await ConfirmAsync(holdId: Guid.NewGuid())).Outcome);
        Assert.Empty(_gateway.Requests);
    }

    [Fact]
    public async Task A_released_hold_is_expired_for_checkout()
    {
        _hold.Release();

        Assert.Equal(ConfirmOutcome.HoldExpired, (await ConfirmAsync()).Outcome);
        Assert.Empty(_gateway.Requests);
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "12/35", "123", "Kim Minji")]
    [InlineData("4242 4242 4242 4242", "04/30", "123", "Kim Minji")]
    [InlineData("4242 4242 4242 4242", "12/35", "12", "Kim Minji")]
    [InlineData("4242 4242 4242 4242", "12/35", "123", " ")]
    public async Task A_card_that_fails_validation_is_refused_before_a_booking_or_a_charge(string number, string expiry, string cvc, string holder)
    {
        await Assert.ThrowsAsync<DomainException>(() => ConfirmAsync(card: new CardDetails(number, expiry, cvc, holder)));

        Assert.Empty(_store.Bookings);
        Assert.Empty(_gateway.Requests);
    }

    [Fact]
    public async Task A_finished_key_sent_with_another_hold_is_refused_and_charges_nothing()
    {
        _gateway.NextOutcome = PaymentOutcome.GatewayError;
        await ConfirmAsync("key-1");
        var other = _store.AddHold(new SeatHold(Guid.NewGuid(), Minji, Performance, [11], _clock.GetUtcNow(), _clock.GetUtcNow().AddMinutes(5)));

        // Answering the first hold's booking would tell the caller the second hold is paid for.
        var refused = await Assert.ThrowsAsync<DomainException>(() => ConfirmAsync("key-1", holdId: other.Id));

        Assert.Equal(RefusalCode.IdempotencyKeyUsedForOtherHold, refused.Refusal?.Code);
        Assert.Equal(BookingService.KeyUsedForOtherHold.Message, refused.Message);
        Assert.Single(_gateway.Requests);
        Assert.Single(_store.Bookings);
    }

    [Fact]
    public async Task A_checkout_interrupted_before_the_gateway_answered_resumes_under_the_same_key_and_charges_once()
    {
        _gateway.DuringCharge = () => throw new HttpRequestException("Connection reset.");
        await Assert.ThrowsAsync<HttpRequestException>(() => ConfirmAsync());
        var pending = Assert.Single(_store.Bookings);
        Assert.Equal(BookingStatus.PendingPayment, pending.Status);

        _gateway.DuringCharge = null;
        var resumed = await ConfirmAsync();

        Assert.Equal((ConfirmOutcome.Confirmed, pending.Id), (resumed.Outcome, resumed.Booking!.Id));
        Assert.Single(_store.Bookings);
        Assert.Single(_gateway.Charges);
        Assert.Equal([BookingService.GatewayKey(pending)], _gateway.Requests.Select(r => r.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task A_charge_landing_after_the_checkout_was_given_up_as_unpaid_is_recorded_refunded_and_answered_so()
    {
        // The reconciler cancels the pending booking while the charge is on its way.
        _gateway.DuringCharge = () => _store.TryCancelAsync(_store.Bookings.Single().Id, _clock.GetUtcNow(), Ct).GetAwaiter().GetResult();

        var result = await ConfirmAsync();

        Assert.Equal((ConfirmOutcome.HoldExpired, BookingService.Refunded.Message), (result.Outcome, result.Message));
        var booking = Assert.Single(_store.Bookings);
        var charge = Assert.Single(_gateway.Charges);
        Assert.Equal((BookingStatus.Refunded, charge.Reference, false), (booking.Status, booking.PaymentReference, booking.OwesRefund));
        Assert.Equal([charge], _gateway.Refunds);
        Assert.Empty(_store.SoldTo);
        Assert.Equal(HoldStatus.Active, _hold.Status);

        var replay = await ConfirmAsync();
        Assert.Equal((ConfirmOutcome.HoldExpired, booking.Id), (replay.Outcome, replay.Booking!.Id));
        Assert.Single(_gateway.Refunds);
    }

    [Fact]
    public async Task A_charge_the_reconciler_already_claimed_as_refunded_is_refunded_once()
    {
        _gateway.DuringCharge = () => _store.TryMarkRefundedAsync(_store.Bookings.Single().Id, "ref-1", _clock.GetUtcNow(), Ct).GetAwaiter().GetResult();

        var result = await ConfirmAsync();
        await new RefundIssuer(_store, _gateway, _clock).IssueAsync(result.Booking!.Id, "ref-1", result.Booking.TotalAmount);

        Assert.Equal(ConfirmOutcome.HoldExpired, result.Outcome);
        Assert.Equal((BookingStatus.Refunded, "ref-1", false), (result.Booking.Status, result.Booking.PaymentReference, result.Booking.OwesRefund));
        Assert.Equal([("ref-1", 176_000L)], _gateway.Refunds);
        Assert.Equal(0, _gateway.NetCaptured);
    }

    [Fact]
    public async Task A_booking_a_replay_confirmed_while_the_charge_was_in_flight_keeps_the_charge()
    {
        _gateway.DuringCharge = () => _store.Bookings.Single().Confirm("ref-1", _clock.GetUtcNow());

        var result = await ConfirmAsync();

        Assert.Equal((ConfirmOutcome.Confirmed, RefusalCode.BookingConfirmed, BookingStatus.Confirmed), (result.Outcome, result.Said.Code, result.Booking!.Status));
        Assert.Single(_gateway.Charges);
        Assert.Empty(_gateway.Refunds);
        Assert.Equal(0, _gateway.RefundCalls);
    }

    [GeneratedRegex("^AT[0-9]{6}[A-HJ-NP-Z2-9]{6}$")]
    private static partial Regex NumberPattern();
}
