using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Web.Tests.Localization;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>What the seat page calls the front of the hall, and the hint that tells a buyer how to pick seats.</summary>
public sealed class SeatMapWordingTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    [Fact]
    public async Task A_film_faces_a_screen_and_a_concert_a_stage()
    {
        using var culture = new CultureScope("en");
        int film;
        await using (var db = await ContextAsync())
        {
            film = await db.Performances
                .Where(p => p.Product!.Category == ProductCategory.Movie && p.Status == PerformanceStatus.OnSale)
                .Select(p => p.Id)
                .FirstAsync(Cancellation);
        }

        Assert.Equal("SCREEN", RenderPage(film).Find(".stage text").TextContent);
        Assert.Equal("STAGE", RenderPage(ConcertHallPerformance).Find(".stage text").TextContent);
    }

    [Fact]
    public void The_hint_has_a_keyboard_and_a_touch_wording_and_touch_screens_get_only_the_touch_one()
    {
        using var culture = new CultureScope("en");

        var page = RenderPage();

        Assert.Contains("hint-keyboard", page.Find("[data-testid=hint-keyboard]").ClassList);
        Assert.Equal("Tap seats on the map, up to 4.", page.Find("[data-testid=hint-touch]").TextContent.Trim());
        var css = File.ReadAllText(Path.Combine(SourceTree.WebProject, "wwwroot", "css", "app.css"));
        Assert.Matches(@"\.hint-touch\s*\{\s*display:\s*none;\s*\}", css);
        Assert.Matches(@"@media \(hover: none\), \(pointer: coarse\) \{\s*\.hint-keyboard \{ display: none; \}\s*\.hint-touch \{ display: block; \}", css);
    }
}
