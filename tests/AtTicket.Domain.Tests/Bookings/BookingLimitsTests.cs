using AtTicket.Domain.Bookings;
using AtTicket.Domain.Common;

namespace AtTicket.Domain.Tests.Bookings;

public class BookingLimitsTests
{
    [Fact]
    public void Limits_are_read_from_the_Booking_section()
    {
        Assert.Equal("Booking", BookingLimits.SectionName);
    }

    [Fact]
    public void Defaults_are_4_seats_per_booking_8_per_performance_and_1_active_hold()
    {
        var limits = new BookingLimits();

        Assert.Equal(4, limits.MaxSeatsPerBooking);
        Assert.Equal(8, limits.MaxSeatsPerMemberPerPerformance);
        Assert.Equal(1, limits.MaxActiveHoldsPerMember);
    }

    [Fact]
    public void Holds_last_5_minutes_by_default()
    {
        var limits = new BookingLimits();

        Assert.Equal(5, limits.HoldMinutes);
        Assert.Equal(TimeSpan.FromMinutes(5), limits.HoldDuration);
    }

    [Fact]
    public void HoldDuration_follows_the_configured_minutes()
    {
        var limits = new BookingLimits { HoldMinutes = 12 };

        Assert.Equal(TimeSpan.FromMinutes(12), limits.HoldDuration);
    }

    [Fact]
    public void EnsureAllowed_accepts_a_request_at_every_default_limit()
    {
        var limits = new BookingLimits();

        var error = Record.Exception(() => limits.EnsureAllowed(seatsRequested: 4, seatsAlreadyOwnedForPerformance: 4, activeHolds: 0));

        Assert.Null(error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void EnsureAllowed_refuses_a_request_for_no_seats(int seatsRequested)
    {
        var limits = new BookingLimits();

        Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested, 0, 0));
    }

    [Fact]
    public void EnsureAllowed_refuses_more_seats_than_one_booking_may_have()
    {
        var limits = new BookingLimits();

        Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 5, seatsAlreadyOwnedForPerformance: 0, activeHolds: 0));
    }

    [Fact]
    public void EnsureAllowed_refuses_going_past_the_seats_a_member_may_have_for_one_performance()
    {
        var limits = new BookingLimits();

        Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 3, seatsAlreadyOwnedForPerformance: 6, activeHolds: 0));
    }

    [Fact]
    public void EnsureAllowed_refuses_a_new_hold_while_the_member_has_the_most_holds_allowed()
    {
        var limits = new BookingLimits();

        Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 1, seatsAlreadyOwnedForPerformance: 0, activeHolds: 1));
    }

    [Fact]
    public void EnsureAllowed_uses_the_configured_seats_per_booking()
    {
        var limits = new BookingLimits { MaxSeatsPerBooking = 2 };

        Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 3, seatsAlreadyOwnedForPerformance: 0, activeHolds: 0));
    }

    [Fact]
    public void EnsureAllowed_uses_the_configured_seats_per_performance()
    {
        var limits = new BookingLimits { MaxSeatsPerMemberPerPerformance = 20 };

        var error = Record.Exception(() => limits.EnsureAllowed(seatsRequested: 4, seatsAlreadyOwnedForPerformance: 16, activeHolds: 0));

        Assert.Null(error);
    }

    [Fact]
    public void EnsureAllowed_uses_the_configured_number_of_active_holds()
    {
        var limits = new BookingLimits { MaxActiveHoldsPerMember = 3 };

        var error = Record.Exception(() => limits.EnsureAllowed(seatsRequested: 1, seatsAlreadyOwnedForPerformance: 0, activeHolds: 2));

        Assert.Null(error);
    }

    [Theory]
    [InlineData(1, "You can hold seats for one booking at a time; finish or release the current one first.")]
    [InlineData(3, "You can hold seats for at most 3 bookings at once; finish or release the current ones first.")]
    public void The_hold_limit_is_worded_for_its_number(int allowed, string expected)
    {
        var limits = new BookingLimits { MaxActiveHoldsPerMember = allowed };

        var refusal = Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 1, seatsAlreadyOwnedForPerformance: 0, activeHolds: allowed));

        Assert.Equal(expected, refusal.Message);
    }
}
