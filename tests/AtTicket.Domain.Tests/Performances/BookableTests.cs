using AtTicket.Domain.Performances;

namespace AtTicket.Domain.Tests.Performances;

/// <summary><see cref="Performance.BookableAt"/>: the rule the seat inventory and the hold procedure both apply.</summary>
public class BookableTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;

    [Fact]
    public void A_performance_on_sale_that_has_not_started_under_a_product_on_sale_is_bookable()
    {
        var performance = OnSale(Now.AddDays(7));

        Assert.True(IsBookable(performance, Now));
    }

    [Fact]
    public void A_draft_performance_is_not_bookable()
    {
        var performance = new PerformanceBuilder().WithGrade().StartingAt(Now.AddDays(7)).Build();

        Assert.False(IsBookable(performance, Now));
    }

    [Fact]
    public void A_performance_is_not_bookable_from_the_moment_it_starts()
    {
        var performance = OnSale(Now.AddDays(7));

        Assert.True(IsBookable(performance, Now.AddDays(7).AddTicks(-1)));
        Assert.False(IsBookable(performance, Now.AddDays(7)));
    }

    [Fact]
    public void A_performance_whose_product_has_closed_is_not_bookable()
    {
        var performance = OnSale(Now.AddDays(7));
        performance.Product!.Close();

        Assert.False(IsBookable(performance, Now));
    }

    [Fact]
    public void A_cancelled_performance_is_not_bookable()
    {
        var performance = OnSale(Now.AddDays(7));
        performance.Cancel();

        Assert.False(IsBookable(performance, Now));
    }

    private static Performance OnSale(DateTimeOffset startsAt)
    {
        var performance = new PerformanceBuilder().WithGrade().StartingAt(startsAt).Build();
        performance.PutOnSale(unmappedSeats: 0);
        return performance;
    }

    private static bool IsBookable(Performance performance, DateTimeOffset now) =>
        new[] { performance }.AsQueryable().Any(Performance.BookableAt(now));
}
