using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

public sealed partial class AccountTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task Customer_logs_in_from_the_home_page_and_has_no_admin_access() => InBrowserAsync(async page =>
    {
        await GotoAsync(page, "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find your seat", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl("%2F"));
        await SubmitLoginAsync(page, Demo.CustomerEmail, Demo.CustomerPassword);

        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/");
        await Expect(MemberName(page)).ToHaveTextAsync(Demo.CustomerName);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find your seat", Level = 1 })).ToBeVisibleAsync();
        // The navigation is rendered together with the member's name, so its absence is final.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true })).ToBeVisibleAsync();
        await Expect(DashboardLink(page)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "customer-logged-in.png");

        // The cookie handler forbids at the endpoint and redirects to the access-denied page.
        await GotoAsync(page, "/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(AccessDeniedUrl());
        await Expect(page.GetByText("Products on sale")).ToHaveCountAsync(0);
        await Expect(MemberName(page)).ToHaveTextAsync(Demo.CustomerName);
    });

    [Fact]
    public Task Admin_logs_in_and_opens_the_dashboard() => InBrowserAsync(async page =>
    {
        await GotoAsync(page, "/Account/Login");
        await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);

        // An admin who opened the login page by itself lands on the dashboard.
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin");
        await Expect(MemberName(page)).ToHaveTextAsync(Demo.AdminName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(DashboardLink(page)).ToBeVisibleAsync();

        var tiles = page.Locator(".stat-tile");
        await Expect(tiles).ToHaveCountAsync(4);
        foreach (var label in new[] { "Products on sale", "Upcoming performances", "Venues", "Confirmed bookings" })
        {
            var tile = tiles.Filter(new() { HasText = label });
            await Expect(tile).ToHaveCountAsync(1);
            await Expect(TileValue(tile)).ToHaveTextAsync(TileNumber());
        }

        // Six demo products are on sale (Winter Jazz Night is not), in three venues; nothing is booked yet.
        await Expect(TileValue(tiles.Filter(new() { HasText = "Products on sale" }))).ToHaveTextAsync("6");
        await Expect(TileValue(tiles.Filter(new() { HasText = "Venues" }))).ToHaveTextAsync("3");
        await Expect(TileValue(tiles.Filter(new() { HasText = "Confirmed bookings" }))).ToHaveTextAsync("0");

        await ScreenshotAsync(page, "admin-dashboard.png");
    });

    [Fact]
    public Task Anonymous_visitor_opening_admin_is_sent_to_log_in_and_back() => InBrowserAsync(async page =>
    {
        await GotoAsync(page, "/admin");

        await Expect(page).ToHaveURLAsync(LoginUrl("%2Fadmin"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Products on sale")).ToHaveCountAsync(0);

        // After logging in, the return URL brings the admin to where they were going.
        await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    });

    private Regex LoginUrl(string escapedReturnUrl) =>
        new("^" + Regex.Escape($"{App.BaseUrl}/Account/Login?returnUrl={escapedReturnUrl}") + "$", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"/(admin|Account/AccessDenied\?ReturnUrl=%2Fadmin)$", RegexOptions.IgnoreCase)]
    private static partial Regex AccessDeniedUrl();

    /// <summary>The big number on a dashboard tile.</summary>
    private static ILocator TileValue(ILocator tile) => tile.Locator(".mud-typography-h4");

    [GeneratedRegex(@"^\d[\d,]*$")]
    private static partial Regex TileNumber();
}
