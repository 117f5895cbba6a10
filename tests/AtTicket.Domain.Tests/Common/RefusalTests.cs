using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Common;

/// <summary>A refusal says which rule it is by its code and hands its values over, apart from its English sentence.</summary>
public sealed class RefusalTests
{
    [Fact]
    public void A_booking_limit_refusal_carries_its_code_and_the_limit()
    {
        var limits = new BookingLimits { MaxSeatsPerBooking = 3 };

        var refused = Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 4, seatsAlreadyOwnedForPerformance: 0, activeHolds: 0));

        Assert.Equal(RefusalCode.TooManySeatsAtOnce, refused.Refusal?.Code);
        Assert.Equal(new object[] { 3 }, refused.Refusal!.Arguments);
        Assert.Equal("You can book at most 3 seats at a time.", refused.Message);
    }

    [Fact]
    public void A_text_too_long_names_its_subject_the_limit_and_the_field()
    {
        var refused = Assert.Throws<DomainException>(() => new Venue(new string('a', Venue.MaxNameLength + 1), "Seoul"));

        Assert.Equal("Refusal.TextTooLong.VenueName", refused.Refusal?.Key);
        Assert.Equal(new object[] { Venue.MaxNameLength }, refused.Refusal!.Arguments);
        Assert.Equal($"The venue name must be at most {Venue.MaxNameLength} characters.", refused.Message);
        Assert.Equal(new[] { "name" }, refused.Fields);
    }

    [Fact]
    public void A_label_is_an_argument_even_when_it_holds_digits_or_braces()
    {
        var refused = Assert.Throws<DomainException>(() => Hall.RequireDistinctSeats([("{9", "A", 1, null), ("{9", "A", 1, null)]));

        Assert.Equal(RefusalCode.SeatLabelTwiceInLayout, refused.Refusal?.Code);
        Assert.Equal(new object[] { "{9 A-1" }, refused.Refusal!.Arguments);
    }

    [Fact]
    public void A_booking_status_check_carries_its_code_and_the_status()
    {
        var booking = new Booking(Guid.NewGuid(), "AT260101ABCDEF", "member", 1, Guid.NewGuid(), "key", [new BookedSeat(1, "R", 10_000)], DateTimeOffset.UnixEpoch);
        booking.Confirm("ref", DateTimeOffset.UnixEpoch);

        var refused = Assert.Throws<DomainException>(() => booking.Confirm("ref", DateTimeOffset.UnixEpoch));

        Assert.Equal(RefusalCode.BookingNotConfirmable, refused.Refusal?.Code);
        Assert.Equal(new object[] { BookingStatus.Confirmed }, refused.Refusal!.Arguments);
        Assert.Equal("A Confirmed booking cannot be confirmed.", refused.Message);
    }

    [Theory]
    [InlineData(PaymentOutcome.Declined, RefusalCode.CardDeclined)]
    [InlineData(PaymentOutcome.InsufficientFunds, RefusalCode.CardDeclinedForFunds)]
    [InlineData(PaymentOutcome.GatewayError, RefusalCode.PaymentServiceDown)]
    [InlineData(PaymentOutcome.KeyReused, RefusalCode.PaymentKeyReused)]
    public void A_payment_refused_is_coded_by_its_outcome_and_keeps_the_gateway_sentence(PaymentOutcome outcome, RefusalCode code)
    {
        var payment = new PaymentResult(outcome, null, "Whatever the processor said.");

        Assert.Equal((code, "Whatever the processor said."), (payment.Refusal?.Code, payment.Refusal?.Message));
    }

    [Fact]
    public void An_approved_payment_is_no_refusal()
    {
        Assert.Null(new PaymentResult(PaymentOutcome.Approved, "ref", "Payment approved.").Refusal);
    }
}
