using AtTicket.Domain.Common;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Venues;

public class SeatTests
{
    [Fact]
    public void MoveTo_places_the_seat_at_the_new_position()
    {
        var seat = new HallBuilder().WithSeats(1, 1).Build().Seats[0];

        seat.MoveTo(0, 125.5);

        Assert.Equal(0, seat.X);
        Assert.Equal(125.5, seat.Y);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, -1)]
    public void MoveTo_refuses_a_negative_position_and_keeps_the_seat_where_it_was(double x, double y)
    {
        var seat = new HallBuilder().WithSeats(1, 1).Build().Seats[0];
        var (oldX, oldY) = (seat.X, seat.Y);

        Assert.Throws<DomainException>(() => seat.MoveTo(x, y));

        Assert.Equal(oldX, seat.X);
        Assert.Equal(oldY, seat.Y);
    }

    [Fact]
    public void ChangeKind_changes_the_kind()
    {
        var seat = new HallBuilder().WithSeats(1, 1).Build().Seats[0];

        seat.ChangeKind(SeatKind.Companion);

        Assert.Equal(SeatKind.Companion, seat.Kind);
    }

    [Fact]
    public void ChangeKind_refuses_an_unknown_kind()
    {
        var seat = new HallBuilder().WithSeats(1, 1).Build().Seats[0];

        Assert.Throws<DomainException>(() => seat.ChangeKind((SeatKind)42));
        Assert.Equal(SeatKind.Normal, seat.Kind);
    }
}
