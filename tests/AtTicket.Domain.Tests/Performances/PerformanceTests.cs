using AtTicket.Domain.Catalog;
using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Performances;

public class PerformanceTests
{
    [Fact]
    public void A_new_performance_is_a_draft_of_its_product_in_its_hall()
    {
        var product = new ProductBuilder().Build();
        var hall = new HallBuilder().Build();
        var startsAt = TestClock.Start.AddDays(7);

        var performance = new Performance(product, hall, startsAt);

        Assert.Equal(PerformanceStatus.Draft, performance.Status);
        Assert.Same(product, performance.Product);
        Assert.Same(hall, performance.Hall);
        Assert.Equal(startsAt, performance.StartsAt);
        Assert.Empty(performance.Grades);
    }

    [Fact]
    public void A_performance_needs_a_product()
    {
        Assert.Throws<DomainException>(() => new Performance(null!, new HallBuilder().Build(), TestClock.Start));
    }

    [Fact]
    public void A_performance_needs_a_hall()
    {
        Assert.Throws<DomainException>(() => new Performance(new ProductBuilder().Build(), null!, TestClock.Start));
    }

    [Fact]
    public void AddGrade_adds_a_grade_with_its_price_and_a_lowercase_colour()
    {
        var performance = new PerformanceBuilder().Build();

        var grade = performance.AddGrade(" VIP ", 180_000, "#A1B2C3");

        Assert.Same(grade, Assert.Single(performance.Grades));
        Assert.Same(performance, grade.Performance);
        Assert.Equal("VIP", grade.Name);
        Assert.Equal(180_000, grade.Price);
        Assert.Equal("#a1b2c3", grade.Color);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public void AddGrade_refuses_a_price_that_is_not_positive(long price)
    {
        var performance = new PerformanceBuilder().Build();

        Assert.Throws<DomainException>(() => performance.AddGrade("R", price, "#cc0000"));
        Assert.Empty(performance.Grades);
    }

    [Fact]
    public void AddGrade_accepts_the_maximum_price()
    {
        var performance = new PerformanceBuilder().Build();

        var grade = performance.AddGrade("VIP", SeatGrade.MaxPrice, "#cc0000");

        Assert.Equal(SeatGrade.MaxPrice, grade.Price);
    }

    [Fact]
    public void AddGrade_refuses_a_price_above_the_maximum()
    {
        var performance = new PerformanceBuilder().Build();

        Assert.Throws<DomainException>(() => performance.AddGrade("VIP", SeatGrade.MaxPrice + 1, "#cc0000"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("red")]
    [InlineData("#fff")]
    [InlineData("cc0000")]
    [InlineData("#cc00000")]
    [InlineData("#cc00zz")]
    [InlineData(" #cc0000")]
    public void AddGrade_refuses_a_colour_not_written_as_rrggbb(string? color)
    {
        var performance = new PerformanceBuilder().Build();

        Assert.Throws<DomainException>(() => performance.AddGrade("R", 150_000, color!));
        Assert.Empty(performance.Grades);
    }

    [Fact]
    public void AddGrade_refuses_a_colour_with_a_trailing_newline()
    {
        var performance = new PerformanceBuilder().Build();

        Assert.Throws<DomainException>(() => performance.AddGrade("R", 150_000, "#cc0000\n"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void AddGrade_requires_a_name(string? name)
    {
        var performance = new PerformanceBuilder().Build();

        Assert.Throws<DomainException>(() => performance.AddGrade(name!, 150_000, "#cc0000"));
    }

    [Fact]
    public void AddGrade_refuses_a_name_longer_than_30_characters()
    {
        var performance = new PerformanceBuilder().Build();

        Assert.Throws<DomainException>(() => performance.AddGrade(new string('g', 31), 150_000, "#cc0000"));
    }

    [Theory]
    [InlineData("VIP")]
    [InlineData("vip")]
    [InlineData(" Vip ")]
    public void AddGrade_refuses_a_name_the_performance_already_has(string duplicate)
    {
        var performance = new PerformanceBuilder().WithGrade("VIP").Build();

        Assert.Throws<DomainException>(() => performance.AddGrade(duplicate, 90_000, "#00cc00"));
        Assert.Single(performance.Grades);
    }

    [Fact]
    public void Two_performances_may_each_have_a_grade_of_the_same_name()
    {
        new PerformanceBuilder().WithGrade("VIP").Build();

        var other = new PerformanceBuilder().WithGrade("VIP").Build();

        Assert.Equal("VIP", Assert.Single(other.Grades).Name);
    }

    [Fact]
    public void CreateSeat_makes_an_available_row_for_a_seat_of_the_hall_in_the_given_grade()
    {
        var performance = new PerformanceBuilder().WithGrade("R").Build();
        var seat = performance.Hall!.Seats[0];

        var row = performance.CreateSeat(seat, performance.Grades[0]);

        Assert.Same(performance, row.Performance);
        Assert.Same(seat, row.Seat);
        Assert.Same(performance.Grades[0], row.Grade);
        Assert.Equal(SeatStatus.Available, row.Status);
        Assert.Null(row.HoldId);
        Assert.Null(row.HeldUntil);
        Assert.Null(row.BookingId);
    }

    [Fact]
    public void CreateSeat_without_a_grade_leaves_the_seat_unmapped()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();

        var row = performance.CreateSeat(performance.Hall!.Seats[0]);

        Assert.Null(row.Grade);
        Assert.Null(row.GradeId);
    }

    [Fact]
    public void CreateSeat_refuses_a_seat_of_another_hall()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();
        var otherHallSeat = new HallBuilder().Named("Small Hall").Build().Seats[0];

        Assert.Throws<DomainException>(() => performance.CreateSeat(otherHallSeat, performance.Grades[0]));
    }

    [Fact]
    public void CreateSeat_refuses_a_grade_of_another_performance()
    {
        var hall = new HallBuilder().Build();
        var performance = new PerformanceBuilder().InHall(hall).WithGrade("R").Build();
        var otherGrade = new PerformanceBuilder().InHall(hall).WithGrade("R").Build().Grades[0];

        Assert.Throws<DomainException>(() => performance.CreateSeat(hall.Seats[0], otherGrade));
    }

    [Fact]
    public void PutOnSale_opens_a_draft_with_grades_and_every_seat_mapped()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();

        performance.PutOnSale(unmappedSeats: 0);

        Assert.Equal(PerformanceStatus.OnSale, performance.Status);
    }

    [Fact]
    public void PutOnSale_fails_without_seat_grades()
    {
        var performance = new PerformanceBuilder().Build();

        Assert.Throws<DomainException>(() => performance.PutOnSale(unmappedSeats: 0));
        Assert.Equal(PerformanceStatus.Draft, performance.Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(250)]
    public void PutOnSale_fails_while_seats_have_no_grade(int unmappedSeats)
    {
        var performance = new PerformanceBuilder().WithGrade().Build();

        Assert.Throws<DomainException>(() => performance.PutOnSale(unmappedSeats));
        Assert.Equal(PerformanceStatus.Draft, performance.Status);
    }

    [Fact]
    public void PutOnSale_fails_when_the_performance_is_already_on_sale()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();
        performance.PutOnSale(0);

        Assert.Throws<DomainException>(() => performance.PutOnSale(0));
    }

    [Fact]
    public void PutOnSale_fails_while_the_product_is_a_draft()
    {
        var performance = new PerformanceBuilder().OfDraftProduct().WithGrade().Build();

        var refused = Assert.Throws<DomainException>(() => performance.PutOnSale(unmappedSeats: 0));

        Assert.Equal(Performance.ProductNotOnSale.Message, refused.Message);
        Assert.Equal(PerformanceStatus.Draft, performance.Status);
    }

    [Fact]
    public void PutOnSale_fails_while_the_product_is_closed()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();
        performance.Product!.Close();

        Assert.Throws<DomainException>(() => performance.PutOnSale(unmappedSeats: 0));
        Assert.Equal(PerformanceStatus.Draft, performance.Status);
    }

    [Fact]
    public void PutOnSale_fails_for_a_cancelled_performance()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();
        performance.Cancel();

        Assert.Throws<DomainException>(() => performance.PutOnSale(0));
        Assert.Equal(PerformanceStatus.Cancelled, performance.Status);
    }

    [Fact]
    public void Cancel_cancels_a_draft()
    {
        var performance = new PerformanceBuilder().Build();

        performance.Cancel();

        Assert.Equal(PerformanceStatus.Cancelled, performance.Status);
    }

    [Fact]
    public void Cancel_cancels_a_performance_on_sale()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();
        performance.PutOnSale(0);

        performance.Cancel();

        Assert.Equal(PerformanceStatus.Cancelled, performance.Status);
    }

    [Fact]
    public void Cancel_fails_when_the_performance_is_already_cancelled()
    {
        var performance = new PerformanceBuilder().Build();
        performance.Cancel();

        Assert.Throws<DomainException>(performance.Cancel);
    }

    [Fact]
    public void Reschedule_moves_the_start()
    {
        var performance = new PerformanceBuilder().Build();
        var later = TestClock.Start.AddDays(14);

        performance.Reschedule(later);

        Assert.Equal(later, performance.StartsAt);
    }

    [Fact]
    public void Reschedule_fails_for_a_cancelled_performance()
    {
        var startsAt = TestClock.Start.AddDays(7);
        var performance = new PerformanceBuilder().StartingAt(startsAt).Build();
        performance.Cancel();

        Assert.Throws<DomainException>(() => performance.Reschedule(startsAt.AddDays(1)));
        Assert.Equal(startsAt, performance.StartsAt);
    }
}
