using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>The seat-map editor's selection as an admin's mouse meets it: nothing moves, and the legend tells the truth.</summary>
public sealed class HallEditorSelectionTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    /// <summary>Where the map sits inside its (sticky) column: the first click must not change it.</summary>
    private const string MapOffset = "svg => svg.getBoundingClientRect().top - svg.closest('.map-column').getBoundingClientRect().top";

    [Theory]
    [InlineData(false, "en")]
    [InlineData(false, "ko")]
    [InlineData(true, "en")]
    [InlineData(true, "ko")]
    public Task Selecting_seats_moves_nothing_and_draws_them_in_the_legend_colour(bool phone, string language) => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/admin/venues");
        await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/venues");
        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = App.BaseUrl }]);
        await GotoAsync(page, "/admin/venues");
        var size = phone ? "phone" : "desktop";
        await AssertInsideAsync(page.GetByTestId("venue").First.Locator("td.actions a, td.actions button").First, page.GetByTestId("venue").First);
        await ScreenshotAsync(page, $"editor-venues-{size}-{language}.png");

        var hall = await page.GetByTestId("venue").First.Locator("td a").First.GetAttributeAsync("href");
        await GotoAsync(page, hall!);
        var map = page.Locator("svg.selectable");
        var seats = map.Locator("g.seat");
        await Expect(seats.First).ToBeVisibleAsync();
        var before = await map.EvaluateAsync<double>(MapOffset);
        var sections = page.GetByTestId("sections");
        await AssertInsideAsync(sections.Locator("td.actions button").Last, sections.Locator(".mud-table-container"));

        await seats.Nth(2).ClickAsync();
        await Expect(seats.Nth(2)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        Assert.Equal(before, await map.EvaluateAsync<double>(MapOffset));
        await seats.Nth(4).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Expect(map.Locator("g.seat.selected")).ToHaveCountAsync(2);

        var drawn = await seats.Nth(2).Locator("rect, circle").First.EvaluateAsync<string>("e => getComputedStyle(e).fill");
        var legend = await page.GetByTestId("legend-selected").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal(legend, drawn);
        await ScreenshotAsync(page, $"editor-selection-{size}-{language}.png");
    }, phone);

    /// <summary>The control is drawn wholly inside the box (not scrolled or cut off at its right edge).</summary>
    private static async Task AssertInsideAsync(ILocator control, ILocator box)
    {
        var inner = await control.BoundingBoxAsync();
        var outer = await box.BoundingBoxAsync();
        Assert.NotNull(inner);
        Assert.NotNull(outer);
        Assert.True(inner.X + inner.Width <= outer.X + outer.Width + 0.5, $"the control ends at {inner.X + inner.Width}, its box at {outer.X + outer.Width}");
    }
}
