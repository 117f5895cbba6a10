using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// Korean section names of the demo concert hall: the admin sees them beside the sections in the seat-map editor,
/// and the Korean seat map names its sections with them (the English one keeps the default names).
/// Only reads the demo catalog.
/// </summary>
public sealed class KoreanSectionNameTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    /// <summary>Aurora Lights in the Hanbit Concert Hall's main hall: sections Floor A to Balcony R.</summary>
    private const string SeatMapPath = "/performances/1";

    [Theory]
    [InlineData(false, "en", "Floor A")]
    [InlineData(false, "ko", "플로어 A")]
    [InlineData(true, "en", "Floor A")]
    [InlineData(true, "ko", "플로어 A")]
    public Task The_editor_shows_each_sections_Korean_name_and_the_seat_map_names_sections_in_the_readers_language(bool phone, string language, string floorA) => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/admin/venues");
        await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/venues");
        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = App.BaseUrl }]);
        await GotoAsync(page, "/admin/venues");
        var size = phone ? "phone" : "desktop";

        var hanbit = page.GetByTestId("venue").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("Hanbit|한빛") });
        var hall = await hanbit.Locator("td a").First.GetAttributeAsync("href");
        await GotoAsync(page, hall!);
        var floor = page.GetByTestId("section-row").Filter(new() { HasText = "Floor A" });
        await Expect(floor.GetByTestId("section-name-ko")).ToHaveValueAsync("플로어 A");
        await Expect(page.GetByTestId("section-row").Filter(new() { HasText = "Balcony C" }).GetByTestId("section-name-ko")).ToHaveValueAsync("발코니 중앙");
        await ScreenshotAsync(page, $"korean3-editor-sections-{size}-{language}.png");

        await GotoAsync(page, SeatMapPath);
        var map = page.Locator(".seat-map svg").First;
        await Expect(map.Locator("text", new() { HasText = floorA }).First).ToBeVisibleAsync();
        if (language == "ko")
        {
            await Expect(map.Locator("text", new() { HasText = "Floor A" })).ToHaveCountAsync(0);
        }

        await ScreenshotAsync(page, $"korean3-seat-map-{size}-{language}.png");
    }, phone);
}
