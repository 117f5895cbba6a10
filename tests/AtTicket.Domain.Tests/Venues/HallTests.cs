using AtTicket.Domain.Common;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Venues;

public class HallTests
{
    [Fact]
    public void AddSeat_adds_a_seat_where_it_is_drawn()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        var seat = hall.AddSeat(" Floor ", " B ", 7, 12.5, 40, SeatKind.Wheelchair);

        Assert.Same(seat, Assert.Single(hall.Seats));
        Assert.Same(hall, seat.Hall);
        Assert.Equal("Floor", seat.Section);
        Assert.Equal("B", seat.Row);
        Assert.Equal(7, seat.Number);
        Assert.Equal(12.5, seat.X);
        Assert.Equal(40, seat.Y);
        Assert.Equal(SeatKind.Wheelchair, seat.Kind);
    }

    [Fact]
    public void AddSeat_makes_a_normal_seat_unless_told_otherwise()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        var seat = hall.AddSeat("Floor", "A", 1, 0, 0);

        Assert.Equal(SeatKind.Normal, seat.Kind);
    }

    [Fact]
    public void A_seat_is_labelled_by_section_row_and_number()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        var seat = hall.AddSeat("Balcony", "C", 12, 0, 0);

        Assert.Equal("Balcony C-12", seat.Label);
    }

    [Theory]
    [InlineData("Floor", "A", 1)]
    [InlineData("floor", "a", 1)]
    [InlineData(" FLOOR ", " A ", 1)]
    public void AddSeat_fails_when_the_hall_already_has_a_seat_with_that_label(string section, string row, int number)
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();
        hall.AddSeat("Floor", "A", 1, 0, 0);

        Assert.Throws<DomainException>(() => hall.AddSeat(section, row, number, 50, 50));
        Assert.Single(hall.Seats);
    }

    [Theory]
    [InlineData("Floor", "A", 2)]
    [InlineData("Floor", "B", 1)]
    [InlineData("Balcony", "A", 1)]
    public void AddSeat_accepts_a_seat_that_differs_in_section_row_or_number(string section, string row, int number)
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();
        hall.AddSeat("Floor", "A", 1, 0, 0);

        hall.AddSeat(section, row, number, 50, 50);

        Assert.Equal(2, hall.Seats.Count);
    }

    [Fact]
    public void Two_halls_may_each_have_a_seat_with_the_same_label()
    {
        var first = new HallBuilder().WithSeats(1, 1).Build();
        var second = new HallBuilder().WithSeats(0, 0).Build();

        var seat = second.AddSeat("Floor", "A", 1, 10, 0);

        Assert.Equal(first.Seats[0].Label, seat.Label);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AddSeat_refuses_a_seat_number_that_is_not_positive(int number)
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat("Floor", "A", number, 0, 0));
        Assert.Empty(hall.Seats);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(-0.5, -0.5)]
    public void AddSeat_refuses_a_negative_position(double x, double y)
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat("Floor", "A", 1, x, y));
        Assert.Empty(hall.Seats);
    }

    [Fact]
    public void AddSeat_refuses_a_position_that_is_not_a_number()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat("Floor", "A", 1, double.NaN, 0));
    }

    [Fact]
    public void AddSeat_refuses_an_infinite_position()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat("Floor", "A", 1, double.PositiveInfinity, 0));
    }

    [Theory]
    [InlineData(null, "A")]
    [InlineData(" ", "A")]
    [InlineData("Floor", null)]
    [InlineData("Floor", "")]
    public void AddSeat_requires_a_section_and_a_row(string? section, string? row)
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat(section!, row!, 1, 0, 0));
    }

    [Fact]
    public void AddSeat_refuses_a_section_longer_than_40_characters()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat(new string('s', 41), "A", 1, 0, 0));
    }

    [Fact]
    public void AddSeat_refuses_a_row_label_longer_than_10_characters()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat("Floor", new string('r', 11), 1, 0, 0));
    }

    [Fact]
    public void AddSeat_refuses_an_unknown_seat_kind()
    {
        var hall = new HallBuilder().WithSeats(0, 0).Build();

        Assert.Throws<DomainException>(() => hall.AddSeat("Floor", "A", 1, 0, 0, (SeatKind)42));
    }

    [Fact]
    public void RemoveSeat_takes_the_seat_off_the_map()
    {
        var hall = new HallBuilder().WithSeats(1, 2).Build();
        var seat = hall.Seats[0];

        hall.RemoveSeat(seat);

        Assert.DoesNotContain(seat, hall.Seats);
        Assert.Single(hall.Seats);
    }

    [Fact]
    public void RemoveSeat_fails_for_a_seat_of_another_hall()
    {
        var hall = new HallBuilder().WithSeats(1, 2).Build();
        var otherSeat = new HallBuilder().WithSeats(1, 1).Build().Seats[0];

        Assert.Throws<DomainException>(() => hall.RemoveSeat(otherSeat));
        Assert.Equal(2, hall.Seats.Count);
    }

    [Fact]
    public void Contains_is_true_for_its_own_seat()
    {
        var hall = new HallBuilder().WithSeats(1, 1).Build();

        Assert.True(hall.Contains(hall.Seats[0]));
    }

    [Fact]
    public void Contains_is_false_for_a_seat_of_another_hall()
    {
        var hall = new HallBuilder().WithSeats(1, 1).Build();
        var otherSeat = new HallBuilder().WithSeats(1, 1).Build().Seats[0];

        Assert.False(hall.Contains(otherSeat));
    }
}
