using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

public sealed partial class HomePageTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task Home_shows_the_demo_products() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find your seat", Level = 1 })).ToBeVisibleAsync();
        var upcoming = page.GetByTestId("upcoming");
        await Expect(upcoming.GetByRole(AriaRole.Heading, new() { Name = "Aurora Lights: Live in Seoul" })).ToBeVisibleAsync();
        await Expect(upcoming.GetByRole(AriaRole.Heading, new() { Name = "The Lantern Keeper" })).ToBeVisibleAsync();
        await Expect(upcoming.Locator(".product-card")).ToHaveCountAsync(6);
        // Seeded but not on sale: never on the home page.
        await Expect(upcoming.GetByText("Winter Jazz Night")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Poster of Aurora Lights: Live in Seoul" })).ToBeVisibleAsync();

        // The circuit connects and the page answers clicks, not just the prerendered HTML:
        // the menu button hides and shows the navigation drawer.
        await WaitForCircuitAsync(page);
        await Expect(Drawer(page)).ToHaveClassAsync(DrawerOpen());
        await ClickUntilAsync(MenuButton(page), timeout => Expect(Drawer(page)).ToHaveClassAsync(DrawerClosed(), new() { Timeout = timeout }));
        await MenuButton(page).ClickAsync();
        await Expect(Drawer(page)).ToHaveClassAsync(DrawerOpen());
        await Expect(upcoming.Locator(".product-card")).ToHaveCountAsync(6);

        await ScreenshotAsync(page, "home-en.png");
    });

    [Fact]
    public Task Home_fits_a_phone_screen() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find your seat", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("upcoming").GetByRole(AriaRole.Heading, new() { Name = "Aurora Lights: Live in Seoul" })).ToBeVisibleAsync();
        // Prerendered with the drawer open; once connected it closes itself on a small screen.
        await WaitForCircuitAsync(page);
        await Expect(Drawer(page)).ToHaveClassAsync(DrawerClosed());

        await ScreenshotAsync(page, "home-phone.png");

        // Nothing may push the page sideways on a phone.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The home page is {overflow}px wider than a 390px phone screen.");
    }, phone: true);

    [GeneratedRegex(@"\bmud-drawer--open\b")]
    private static partial Regex DrawerOpen();

    [GeneratedRegex(@"\bmud-drawer--closed\b")]
    private static partial Regex DrawerClosed();
}
