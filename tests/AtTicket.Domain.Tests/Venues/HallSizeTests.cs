using AtTicket.Domain.Common;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Venues;

/// <summary><see cref="Hall.SizeOf"/>: the limits the hall editor checks as the admin draws and the venue service enforces on save.</summary>
public class HallSizeTests
{
    [Theory]
    [InlineData(0, HallSize.Empty)]
    [InlineData(1, HallSize.Fits)]
    [InlineData(Hall.MaxSeats, HallSize.Fits)]
    [InlineData(Hall.MaxSeats + 1, HallSize.TooLarge)]
    public void SizeOf_wants_at_least_one_seat_and_at_most_the_maximum(int seats, HallSize size)
    {
        Assert.Equal(size, Hall.SizeOf(seats));
    }

    [Fact]
    public void RequireSize_refuses_a_hall_without_seats_naming_the_fields()
    {
        var refusal = Assert.Throws<DomainException>(() => Hall.RequireSize(0, "sections"));

        Assert.Equal("A hall needs at least one seat.", refusal.Message);
        Assert.Contains("sections", refusal.Fields);
    }

    [Fact]
    public void RequireSize_refuses_a_hall_above_the_maximum()
    {
        var refusal = Assert.Throws<DomainException>(() => Hall.RequireSize(Hall.MaxSeats + 1, "sections"));

        Assert.StartsWith("A hall can have at most ", refusal.Message);
    }

    [Fact]
    public void RequireSize_accepts_a_hall_at_the_maximum()
    {
        Hall.RequireSize(Hall.MaxSeats, "sections");
    }
}
