using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Web.Components.Admin.Performances;
using Bunit;

namespace AtTicket.Web.Tests.Admin.Performances;

public class SchedulePerformanceTests : PerformancePagesContext
{
    [Fact]
    public async Task Scheduling_a_week_with_two_painted_grades_maps_every_seat_in_the_database()
    {
        var hall = await Data.HallAsync();
        var productId = await Data.ProductAsync(ProductCategory.Movie);
        var page = RenderAt<SchedulePerformance>($"/admin/performances/new?productId={productId}&hallId={hall.Id}");
        page.WaitForElement("[data-seat-id]");

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Every day").Click();
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Whole section").Click();
        page.Find($"[data-seat-id='{hall.Seats.First(s => s.Section == "Floor").Id}']").Click();
        page.FindAll("[data-testid=pick-grade]")[1].Click();
        page.Find("[data-testid=fill-unassigned]").Click();

        Assert.Contains("0 unassigned", page.Find("[data-testid=unassigned-count]").TextContent);
        Assert.Contains("7 performances", page.Find("[data-testid=schedule-summary]").TextContent);
        await page.Find("[data-testid=create-on-sale]").ClickAsync(new());

        var counts = await Data.SeatsPerGradeAsync(productId);
        var performances = counts.Keys.Select(k => k.PerformanceId).Distinct().ToList();
        Assert.Equal(7, performances.Count);
        Assert.All(performances, id =>
        {
            Assert.Equal(12, counts.GetValueOrDefault((id, "Standard")));
            Assert.Equal(8, counts.GetValueOrDefault((id, "Premium")));
            Assert.False(counts.ContainsKey((id, "")), "a seat was left without a grade");
        });
        Assert.All(await Data.StatusesAsync(productId), s => Assert.Equal(PerformanceStatus.OnSale, s));
    }

    [Fact]
    public async Task The_date_and_the_start_time_can_be_typed_and_a_date_that_is_no_date_is_flagged()
    {
        var hall = await Data.HallAsync();
        var productId = await Data.ProductAsync(ProductCategory.Concert);
        var page = RenderAt<SchedulePerformance>($"/admin/performances/new?productId={productId}&hallId={hall.Id}");
        page.WaitForElement("[data-seat-id]");
        Assert.False(page.Find("#schedule-from").HasAttribute("readonly"), "the date can only be picked");

        page.Find("#schedule-from").Change("2027-02-30");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".schedule-input .mud-input-error")));

        page.Find("#schedule-from").Change("2027-03-14");
        page.Find("#schedule-time").Change("19:30");

        page.WaitForAssertion(() => Assert.Contains("2027", page.Find("[data-testid=schedule-summary]").TextContent));
        Assert.Contains("19:30", page.Find("[data-testid=schedule-summary]").TextContent);
    }

    [Fact]
    public async Task Putting_on_sale_is_disabled_with_a_reason_while_seats_have_no_grade()
    {
        var hall = await Data.HallAsync();
        var productId = await Data.ProductAsync(ProductCategory.Concert);
        var page = RenderAt<SchedulePerformance>($"/admin/performances/new?productId={productId}&hallId={hall.Id}");
        page.WaitForElement("[data-seat-id]");

        page.Find($"[data-seat-id='{hall.Seats[0].Id}']").Click();

        Assert.True(page.Find("[data-testid=create-on-sale]").HasAttribute("disabled"));
        Assert.Contains("19 seats have none", page.Find("[data-testid=blocker]").TextContent);
        Assert.False(page.Find("[data-testid=create-draft]").HasAttribute("disabled"));
        Assert.Equal(4, page.FindAll("[data-testid=grade-row]").Count); // VIP, R, S, A for a concert
    }

    [Fact]
    public async Task Putting_on_sale_is_disabled_with_a_reason_while_the_product_is_a_draft()
    {
        var hall = await Data.HallAsync();
        var productId = await Data.ProductAsync(ProductCategory.Concert, status: ProductStatus.Draft);
        var page = RenderAt<SchedulePerformance>($"/admin/performances/new?productId={productId}&hallId={hall.Id}");
        page.WaitForElement("[data-seat-id]");

        page.Find("[data-testid=fill-unassigned]").Click();

        Assert.Contains("0 unassigned", page.Find("[data-testid=unassigned-count]").TextContent);
        Assert.True(page.Find("[data-testid=create-on-sale]").HasAttribute("disabled"));
        Assert.Contains("put the product on sale before its performances", page.Find("[data-testid=blocker]").TextContent);
        Assert.False(page.Find("[data-testid=create-draft]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_grade_without_seats_is_flagged_as_hidden_from_buyers_until_it_has_some()
    {
        var hall = await Data.HallAsync();
        var productId = await Data.ProductAsync(ProductCategory.Movie);
        var page = RenderAt<SchedulePerformance>($"/admin/performances/new?productId={productId}&hallId={hall.Id}");
        page.WaitForElement("[data-seat-id]");
        Assert.Equal(page.FindAll("[data-testid=grade-row]").Count, page.FindAll("[data-testid=grade-empty]").Count);

        page.FindAll("[data-testid=pick-grade]")[0].Click();
        page.Find("[data-testid=fill-unassigned]").Click();

        Assert.Equal(page.FindAll("[data-testid=grade-row]").Count - 1, page.FindAll("[data-testid=grade-empty]").Count);
        Assert.Contains("buyers will not see this grade", page.Find("[data-testid=grade-empty]").TextContent);
    }
}
