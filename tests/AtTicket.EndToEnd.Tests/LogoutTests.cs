using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>"Log out" in the header works from every kind of page: static, interactive, not found.</summary>
public sealed class LogoutTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Theory]
    [InlineData("/this-page-does-not-exist")]
    [InlineData("/performances/999999")]
    [InlineData("/")]
    [InlineData("/performances/1")]
    [InlineData("/bookings")]
    [InlineData("/Account/Manage/ChangePassword")]
    public Task Member_logs_out_from_the_page(string path) => InBrowserAsync(async page =>
    {
        // A member of its own: logging out ends every session of the member, so no other test may share it.
        await SignUpAsync(page, "/");
        await GotoAsync(page, path);
        await Expect(MemberName(page)).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find your seat", Level = 1 })).ToBeVisibleAsync();
        // The header has a text link for wide screens and an icon link for phones; CSS shows one of them, and
        // right after the navigation both can still count as visible for a moment.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true }).Filter(new() { Visible = true }).First).ToBeVisibleAsync();
        await Expect(MemberName(page)).ToHaveCountAsync(0);

        // Logged out on the server too, not only in the page: the member's bookings ask for a login again.
        await GotoAsync(page, "/bookings");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
    });
}
