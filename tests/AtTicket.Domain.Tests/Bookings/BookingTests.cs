using AtTicket.Domain.Bookings;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Bookings;

public class BookingTests
{
    private const string TicketAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly FakeTimeProvider _clock = TestClock.New();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void A_new_booking_awaits_payment_with_one_ticket_per_seat()
    {
        var booking = new BookingBuilder()
            .WithSeats(new BookedSeat(11, "VIP", 180_000), new BookedSeat(12, "R", 150_000))
            .Build();

        Assert.Equal(BookingStatus.PendingPayment, booking.Status);
        Assert.Null(booking.PaymentReference);
        Assert.Null(booking.ConfirmedAt);
        Assert.Null(booking.CancelledAt);
        Assert.Collection(
            booking.Tickets,
            t => Assert.Equal((11, "VIP", 180_000L), (t.SeatId, t.GradeName, t.Price)),
            t => Assert.Equal((12, "R", 150_000L), (t.SeatId, t.GradeName, t.Price)));
    }

    [Fact]
    public void The_total_is_the_sum_of_the_ticket_prices()
    {
        var booking = new BookingBuilder()
            .WithSeats(new BookedSeat(1, "VIP", 180_000), new BookedSeat(2, "R", 150_000), new BookedSeat(3, "A", 55_500))
            .Build();

        Assert.Equal(385_500, booking.TotalAmount);
        Assert.Equal(booking.Tickets.Sum(t => t.Price), booking.TotalAmount);
    }

    [Fact]
    public void A_booking_needs_at_least_one_seat()
    {
        Assert.Throws<DomainException>(() => new BookingBuilder().WithSeats().Build());
    }

    [Fact]
    public void A_booking_without_a_seat_list_is_refused()
    {
        Assert.Throws<DomainException>(() => new BookingBuilder().WithSeats(null).Build());
    }

    [Fact]
    public void A_booking_cannot_contain_the_same_seat_twice()
    {
        Assert.Throws<DomainException>(
            () => new BookingBuilder().WithSeats(new BookedSeat(5, "R", 150_000), new BookedSeat(5, "S", 110_000)).Build());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-150_000)]
    public void Every_booked_seat_needs_a_price(long price)
    {
        Assert.Throws<DomainException>(
            () => new BookingBuilder().WithSeats(new BookedSeat(1, "R", 150_000), new BookedSeat(2, "R", price)).Build());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void A_booking_needs_a_member(string? memberId)
    {
        Assert.Throws<DomainException>(() => new BookingBuilder().ForMember(memberId).Build());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_booking_needs_a_number(string? number)
    {
        Assert.Throws<DomainException>(() => new BookingBuilder().WithNumber(number).Build());
    }

    [Fact]
    public void A_booking_number_longer_than_20_characters_is_refused()
    {
        Assert.Throws<DomainException>(() => new BookingBuilder().WithNumber(new string('9', 21)).Build());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_booking_needs_an_idempotency_key(string? key)
    {
        Assert.Throws<DomainException>(() => new BookingBuilder().WithIdempotencyKey(key).Build());
    }

    [Fact]
    public void An_idempotency_key_longer_than_100_characters_is_refused()
    {
        Assert.Throws<DomainException>(() => new BookingBuilder().WithIdempotencyKey(new string('k', 101)).Build());
    }

    [Fact]
    public void Ticket_codes_within_a_booking_are_unique()
    {
        var booking = new BookingBuilder().WithSeatCount(200).Build();

        Assert.Equal(booking.Tickets.Count, booking.Tickets.Select(t => t.Code).Distinct().Count());
    }

    [Fact]
    public void Ticket_codes_are_16_characters_from_the_unambiguous_alphabet()
    {
        var booking = new BookingBuilder().WithSeatCount(4).Build();

        Assert.All(booking.Tickets, ticket =>
        {
            Assert.Equal(16, ticket.Code.Length);
            Assert.All(ticket.Code, c => Assert.Contains(c, TicketAlphabet));
        });
    }

    [Fact]
    public void Confirm_records_the_payment_and_the_time()
    {
        var booking = new BookingBuilder().Build();
        _clock.Advance(TimeSpan.FromMinutes(2));

        booking.Confirm(" pay_123 ", Now);

        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal("pay_123", booking.PaymentReference);
        Assert.Equal(TestClock.Start.AddMinutes(2), booking.ConfirmedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Confirm_needs_a_payment_reference_and_leaves_the_booking_pending_without_one(string? reference)
    {
        var booking = new BookingBuilder().Build();

        Assert.Throws<DomainException>(() => booking.Confirm(reference!, Now));

        Assert.Equal(BookingStatus.PendingPayment, booking.Status);
        Assert.Null(booking.ConfirmedAt);
    }

    [Fact]
    public void Confirm_refuses_a_payment_reference_longer_than_64_characters()
    {
        var booking = new BookingBuilder().Build();

        Assert.Throws<DomainException>(() => booking.Confirm(new string('p', 65), Now));
    }

    [Fact]
    public void Confirm_fails_for_a_booking_already_confirmed()
    {
        var booking = new BookingBuilder().Build();
        booking.Confirm("pay_1", Now);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Throws<DomainException>(() => booking.Confirm("pay_2", Now));
        Assert.Equal("pay_1", booking.PaymentReference);
        Assert.Equal(TestClock.Start, booking.ConfirmedAt);
    }

    [Fact]
    public void Confirm_fails_for_a_cancelled_booking()
    {
        var booking = new BookingBuilder().Build();
        booking.Cancel(Now, Now.AddDays(1));

        Assert.Throws<DomainException>(() => booking.Confirm("pay_1", Now));
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
    }

    [Fact]
    public void Confirm_fails_for_a_refunded_booking()
    {
        var booking = new BookingBuilder().Build();
        booking.MarkRefunded("pay_1", Now);

        Assert.Throws<DomainException>(() => booking.Confirm("pay_1", Now));
        Assert.Equal(BookingStatus.Refunded, booking.Status);
    }

    [Fact]
    public void MarkRefunded_gives_back_the_charge_of_a_booking_awaiting_payment()
    {
        var booking = new BookingBuilder().Build();
        _clock.Advance(TimeSpan.FromMinutes(6));

        booking.MarkRefunded("pay_late", Now);

        Assert.Equal(BookingStatus.Refunded, booking.Status);
        Assert.Equal("pay_late", booking.PaymentReference);
        Assert.Equal(TestClock.Start.AddMinutes(6), booking.CancelledAt);
    }

    [Fact]
    public void MarkRefunded_works_without_a_payment_reference()
    {
        var booking = new BookingBuilder().Build();

        booking.MarkRefunded(null, Now);

        Assert.Equal(BookingStatus.Refunded, booking.Status);
        Assert.Null(booking.PaymentReference);
    }

    [Fact]
    public void MarkRefunded_fails_for_a_confirmed_booking()
    {
        var booking = new BookingBuilder().Build();
        booking.Confirm("pay_1", Now);

        Assert.Throws<DomainException>(() => booking.MarkRefunded("pay_1", Now));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
    }

    [Fact]
    public void MarkRefunded_fails_for_a_cancelled_booking()
    {
        var booking = new BookingBuilder().Build();
        booking.Cancel(Now, Now.AddDays(1));

        Assert.Throws<DomainException>(() => booking.MarkRefunded(null, Now));
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
    }

    [Fact]
    public void MarkRefunded_fails_for_a_booking_already_refunded()
    {
        var booking = new BookingBuilder().Build();
        booking.MarkRefunded("pay_1", Now);

        Assert.Throws<DomainException>(() => booking.MarkRefunded("pay_1", Now));
    }

    [Fact]
    public void Cancel_cancels_a_confirmed_booking_before_the_performance_starts()
    {
        var booking = new BookingBuilder().Build();
        booking.Confirm("pay_1", Now);
        var startsAt = Now.AddDays(3);
        _clock.Advance(TimeSpan.FromDays(1));

        booking.Cancel(Now, startsAt);

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Equal(TestClock.Start.AddDays(1), booking.CancelledAt);
    }

    [Fact]
    public void Cancel_cancels_a_booking_awaiting_payment()
    {
        var booking = new BookingBuilder().Build();

        booking.Cancel(Now, Now.AddDays(3));

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
    }

    [Fact]
    public void Cancel_succeeds_one_moment_before_the_performance_starts()
    {
        var booking = new BookingBuilder().Build();
        booking.Confirm("pay_1", Now);
        var startsAt = Now.AddDays(3);
        _clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));

        booking.Cancel(Now, startsAt);

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void Cancel_fails_once_the_performance_has_started(int minutesAfterStart)
    {
        var booking = new BookingBuilder().Build();
        booking.Confirm("pay_1", Now);
        var startsAt = Now.AddDays(3);
        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(minutesAfterStart));

        Assert.Throws<DomainException>(() => booking.Cancel(Now, startsAt));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Null(booking.CancelledAt);
    }

    [Fact]
    public void Cancel_fails_for_a_booking_already_cancelled()
    {
        var booking = new BookingBuilder().Build();
        booking.Cancel(Now, Now.AddDays(3));
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Throws<DomainException>(() => booking.Cancel(Now, Now.AddDays(3)));
        Assert.Equal(TestClock.Start, booking.CancelledAt);
    }

    [Fact]
    public void Cancel_fails_for_a_refunded_booking()
    {
        var booking = new BookingBuilder().Build();
        booking.MarkRefunded("pay_1", Now);

        Assert.Throws<DomainException>(() => booking.Cancel(Now, Now.AddDays(3)));
        Assert.Equal(BookingStatus.Refunded, booking.Status);
    }

    [Fact]
    public void A_confirmed_booking_was_confirmed_and_owes_nothing()
    {
        var booking = new BookingBuilder().Build();
        Assert.False(booking.WasConfirmed);

        booking.Confirm("pay_1", Now);

        Assert.True(booking.WasConfirmed);
        Assert.False(booking.OwesRefund);
    }

    [Fact]
    public void A_cancelled_confirmed_booking_owes_its_refund_until_it_is_issued()
    {
        var booking = new BookingBuilder().Build();
        booking.Confirm("pay_1", Now);
        booking.Cancel(Now, Now.AddDays(3));
        Assert.True(booking.OwesRefund);
        Assert.True(booking.WasConfirmed);
        _clock.Advance(TimeSpan.FromMinutes(1));

        booking.MarkRefundIssued(Now);

        Assert.False(booking.OwesRefund);
        Assert.Equal(TestClock.Start.AddMinutes(1), booking.RefundedAt);
    }

    [Fact]
    public void A_refund_issued_twice_keeps_the_first_time()
    {
        var booking = new BookingBuilder().Build();
        booking.MarkRefunded("pay_1", Now);
        booking.MarkRefundIssued(Now);
        _clock.Advance(TimeSpan.FromMinutes(5));

        booking.MarkRefundIssued(Now);

        Assert.Equal(TestClock.Start, booking.RefundedAt);
    }

    [Fact]
    public void A_checkout_cancelled_without_a_payment_owes_nothing()
    {
        var booking = new BookingBuilder().Build();
        booking.Cancel(Now, Now.AddDays(3));

        Assert.False(booking.OwesRefund);
        Assert.False(booking.WasConfirmed);
    }

    [Fact]
    public void A_refunded_checkout_owes_its_refund_only_when_a_payment_was_taken()
    {
        var paid = new BookingBuilder().Build();
        paid.MarkRefunded("pay_1", Now);
        var unpaid = new BookingBuilder().Build();
        unpaid.MarkRefunded(null, Now);

        Assert.True(paid.OwesRefund);
        Assert.False(unpaid.OwesRefund);
    }

    [Theory]
    [InlineData(BookingStatus.PendingPayment)]
    [InlineData(BookingStatus.Confirmed)]
    public void A_refund_cannot_be_issued_for_a_booking_that_was_not_cancelled_nor_refunded(BookingStatus status)
    {
        var booking = new BookingBuilder().Build();
        if (status == BookingStatus.Confirmed)
        {
            booking.Confirm("pay_1", Now);
        }

        Assert.Throws<DomainException>(() => booking.MarkRefundIssued(Now));
        Assert.Null(booking.RefundedAt);
    }

    [Fact]
    public void A_late_payment_turns_a_checkout_cancelled_as_unpaid_into_a_refund_owed()
    {
        var booking = new BookingBuilder().Build();
        booking.Cancel(Now, Now.AddDays(3));

        booking.RecordLatePayment("pay_late");

        Assert.Equal((BookingStatus.Refunded, "pay_late", true), (booking.Status, booking.PaymentReference, booking.OwesRefund));
        Assert.Equal(TestClock.Start, booking.CancelledAt);
    }

    [Fact]
    public void A_late_payment_cannot_be_recorded_on_a_booking_that_was_confirmed_or_already_names_a_payment()
    {
        var confirmed = new BookingBuilder().Build();
        confirmed.Confirm("pay_1", Now);
        var cancelledAfterConfirming = new BookingBuilder().Build();
        cancelledAfterConfirming.Confirm("pay_2", Now);
        cancelledAfterConfirming.Cancel(Now, Now.AddDays(3));
        var refunded = new BookingBuilder().Build();
        refunded.MarkRefunded("pay_3", Now);

        Assert.Throws<DomainException>(() => confirmed.RecordLatePayment("pay_x"));
        Assert.Throws<DomainException>(() => cancelledAfterConfirming.RecordLatePayment("pay_x"));
        Assert.Throws<DomainException>(() => refunded.RecordLatePayment("pay_x"));
        Assert.Equal(("pay_1", "pay_2", "pay_3"), (confirmed.PaymentReference, cancelledAfterConfirming.PaymentReference, refunded.PaymentReference));
        Assert.Equal(BookingStatus.Cancelled, cancelledAfterConfirming.Status);
    }
}
