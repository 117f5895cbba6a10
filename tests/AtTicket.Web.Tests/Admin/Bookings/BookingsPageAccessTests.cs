using AtTicket.Web.Components.Account;
using System.Net;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Tests.Http;

namespace AtTicket.Web.Tests.Admin.Bookings;

/// <summary>The bookings page through the real app: admins only, like the rest of /admin.</summary>
public sealed class BookingsPageAccessTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Address = "/admin/performances/1/bookings";

    [Fact]
    public async Task Customer_is_sent_to_access_denied()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Minji.Email, DemoAccounts.Minji.Password);

        using var response = await browser.GetAsync(Address);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectTarget(response));
    }

    [Fact]
    public async Task Customer_is_refused_the_search_across_all_performances()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Minji.Email, DemoAccounts.Minji.Password);

        using var response = await browser.GetAsync("/admin/bookings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Browser.RedirectTarget(response));
    }

    [Fact]
    public async Task Admin_finds_the_search_across_all_performances()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, LandingPage.AdminDashboard);

        var page = await browser.GetPageAsync("/admin/bookings");

        Assert.Equal("Find a booking", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/admin/bookings']"));
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_log_in()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(Address);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", Browser.RedirectTarget(response));
    }

    [Fact]
    public async Task Admin_sees_the_bookings_of_the_performance()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, LandingPage.AdminDashboard);

        var page = await browser.GetPageAsync(Address);

        Assert.Equal("Bookings", page.QuerySelector("h1")?.TextContent.Trim());
    }
}
