using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.Admin.Performances;
using AtTicket.Web.Components.SeatMap;
using Bunit;

namespace AtTicket.Web.Tests.Admin.Performances;

public class EditPerformanceTests : PerformancePagesContext
{
    private const string VipColor = "#7b1fa2";
    private const string RColor = "#2e7d32";

    [Fact]
    public async Task A_sold_seat_cannot_be_repainted_by_click_or_drag_and_keeps_its_grade_when_saved()
    {
        var (performanceId, hall) = await FloorVipBalconyRAsync();
        var floor = hall.Seats.Where(s => s.Section == "Floor").ToList();
        var sold = floor[5];
        await Data.MarkSoldAsync(performanceId, sold.Id);
        var page = Render<EditPerformance>(p => p.Add(x => x.Id, performanceId));
        page.WaitForElement("[data-seat-id]");
        page.FindAll("[data-testid=pick-grade]")[1].Click(); // R

        page.Find($"[data-seat-id='{sold.Id}']").Click();

        Assert.Contains("is already sold, so its grade cannot change", page.Find("[data-testid=painter-notice]").TextContent);
        Assert.Contains("locked", page.Find($"[data-seat-id='{sold.Id}']").ClassName);
        Assert.Equal(VipColor, FillOf(page, sold));

        await page.InvokeAsync(() => page.FindComponent<SeatMapView>().Instance.OnAreaSelected(-1, -1, 10, 2.9)); // the whole floor

        Assert.Equal(VipColor, FillOf(page, sold));
        Assert.All(floor.Where(s => s.Id != sold.Id), s => Assert.Equal(RColor, FillOf(page, s)));
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=locked-seats]")));
        Assert.Equal("VIP", await Data.GradeOfSeatAsync(performanceId, sold.Id));
        Assert.Equal("R", await Data.GradeOfSeatAsync(performanceId, floor[0].Id));
    }

    [Fact]
    public async Task Saving_after_a_seat_sold_meanwhile_names_it_changes_nothing_and_locks_it()
    {
        var (performanceId, hall) = await FloorVipBalconyRAsync();
        var seat = hall.Seats.First(s => s.Section == "Floor");
        var page = Render<EditPerformance>(p => p.Add(x => x.Id, performanceId));
        page.WaitForElement("[data-seat-id]");
        page.FindAll("[data-testid=pick-grade]")[1].Click();
        page.Find($"[data-seat-id='{seat.Id}']").Click();
        Assert.Equal(RColor, FillOf(page, seat));

        await Data.MarkSoldAsync(performanceId, seat.Id);
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains($"Floor row A seat {seat.Number}", page.Find("[data-testid=locked-seats]").TextContent));
        Assert.Equal("VIP", await Data.GradeOfSeatAsync(performanceId, seat.Id));
        Assert.Equal(VipColor, FillOf(page, seat));
        Assert.Contains("locked", page.Find($"[data-seat-id='{seat.Id}']").ClassName);
    }

    [Fact]
    public async Task A_typed_date_and_time_are_saved_and_a_date_that_is_no_date_is_refused()
    {
        var (performanceId, _) = await FloorVipBalconyRAsync();
        var page = Render<EditPerformance>(p => p.Add(x => x.Id, performanceId));
        page.WaitForElement("[data-seat-id]");
        Assert.False(page.Find("#performance-date").HasAttribute("readonly"), "the date can only be picked");

        page.Find("#performance-date").Change("2027-13-45");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".edit-when .mud-input-error")));

        page.Find("#performance-date").Change("2027-03-14");
        page.Find("#performance-time").Change("19:30");
        await page.Find("[data-testid=save]").ClickAsync(new());

        Assert.Equal(new DateTimeOffset(2027, 3, 14, 19, 30, 0, TimeSpan.FromHours(9)), await Data.StartOfAsync(performanceId));
    }

    private async Task<(int PerformanceId, HallLayout Hall)> FloorVipBalconyRAsync()
    {
        var hall = await Data.HallAsync();
        var productId = await Data.ProductAsync(ProductCategory.Concert);
        var performanceId = await Data.PerformanceAsync(
            productId,
            hall,
            new GradeSeats(null, "VIP", 150_000, VipColor, [.. hall.Seats.Where(s => s.Section == "Floor").Select(s => s.Id)]),
            new GradeSeats(null, "R", 120_000, RColor, [.. hall.Seats.Where(s => s.Section == "Balcony").Select(s => s.Id)]));
        return (performanceId, hall);
    }

    private static string? FillOf(IRenderedComponent<EditPerformance> page, SeatView seat) =>
        page.Find($"[data-seat-id='{seat.Id}'] rect").GetAttribute("fill");
}
