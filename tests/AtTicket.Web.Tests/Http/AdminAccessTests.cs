using AtTicket.Web.Components.Account;
using System.Net;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Http;

/// <summary>/admin is for role Admin only; the demo accounts log in through the real login form.</summary>
public sealed class AdminAccessTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_login_page_with_a_return_url()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fadmin", Browser.RedirectTarget(response));
    }

    [Fact]
    public async Task Customer_is_sent_to_access_denied()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Minji.Email, DemoAccounts.Minji.Password);

        using var response = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectTarget(response));
        var denied = await browser.GetPageAsync(Browser.RedirectTarget(response));
        Assert.Contains("Access denied", Browser.VisibleText(denied));
    }

    [Fact]
    public async Task Admin_sees_the_dashboard()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, LandingPage.AdminDashboard);

        var page = await browser.GetPageAsync("/admin");

        Assert.Equal("Dashboard", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/admin']"));
        var tiles = page.QuerySelectorAll(".stat-tile").ToDictionary(
            tile => tile.QuerySelector(".mud-typography-body2")!.TextContent.Trim(),
            tile => tile.QuerySelector(".mud-typography-h4")!.TextContent.Trim());
        Assert.Equal("6", tiles["Products on sale"]);
        Assert.Equal("40", tiles["Upcoming performances"]);
        Assert.Equal("3", tiles["Venues"]);
        Assert.Equal("0", tiles["Confirmed bookings"]);
    }

    [Fact]
    public async Task Admin_who_logs_in_from_the_challenge_is_sent_back_to_the_dashboard()
    {
        using var browser = app.NewBrowser();
        using var challenge = await browser.GetAsync("/admin");
        var loginPage = Browser.RedirectTarget(challenge);

        using var login = await browser.SubmitFormAsync(
            loginPage,
            "login",
            new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Admin.Email, ["Input.Password"] = DemoAccounts.Admin.Password });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/admin", Browser.RedirectTarget(login));
        using var dashboard = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task Customer_menu_has_no_dashboard_link()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Jun.Email, DemoAccounts.Jun.Password);

        var page = await browser.GetPageAsync("/");

        Assert.Null(page.QuerySelector("a[href='/admin']"));
        Assert.Equal(DemoAccounts.Jun.DisplayName, page.QuerySelector("[data-testid='member-name']")?.TextContent.Trim());
    }
}
