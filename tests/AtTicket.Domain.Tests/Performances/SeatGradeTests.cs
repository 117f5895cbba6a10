using AtTicket.Domain.Common;

namespace AtTicket.Domain.Tests.Performances;

public class SeatGradeTests
{
    [Fact]
    public void Change_updates_name_price_and_colour()
    {
        var grade = new PerformanceBuilder().WithGrade("R", 150_000, "#cc0000").Build().Grades[0];

        grade.Change(" S ", 110_000, "#00AA00");

        Assert.Equal("S", grade.Name);
        Assert.Equal(110_000, grade.Price);
        Assert.Equal("#00aa00", grade.Color);
    }

    [Fact]
    public void Change_with_a_price_that_is_not_positive_keeps_the_grade_as_it_was()
    {
        var grade = new PerformanceBuilder().WithGrade("R", 150_000, "#cc0000").Build().Grades[0];

        Assert.Throws<DomainException>(() => grade.Change("S", 0, "#00aa00"));

        Assert.Equal("R", grade.Name);
        Assert.Equal(150_000, grade.Price);
        Assert.Equal("#cc0000", grade.Color);
    }

    [Fact]
    public void Change_refuses_a_colour_not_written_as_rrggbb()
    {
        var grade = new PerformanceBuilder().WithGrade("R", 150_000, "#cc0000").Build().Grades[0];

        Assert.Throws<DomainException>(() => grade.Change("R", 150_000, "crimson"));
        Assert.Equal("#cc0000", grade.Color);
    }

    [Fact]
    public void Change_refuses_a_name_another_grade_of_the_performance_has()
    {
        var performance = new PerformanceBuilder().WithGrade("VIP").WithGrade("R").Build();
        var r = performance.Grades[1];

        Assert.Throws<DomainException>(() => r.Change("vip", 150_000, "#cc0000"));
        Assert.Equal("R", r.Name);
    }
}
