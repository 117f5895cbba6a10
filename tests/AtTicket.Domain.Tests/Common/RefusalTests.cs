using AtTicket.Domain.Bookings;
using AtTicket.Domain.Common;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Common;

/// <summary>A refusal with values says which rule it is and hands the values over, apart from its English sentence.</summary>
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
}
