using System.Net;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Tests.Http;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>The booking pages are for signed-in members: the real app, its cookie and its router.</summary>
public sealed class BookingAccessTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("/bookings")]
    [InlineData("/bookings/3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    public async Task An_anonymous_visitor_is_sent_to_log_in(string path)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(path), Browser.RedirectTarget(response));
    }

    [Fact]
    public async Task A_member_without_bookings_sees_the_empty_list()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Jun.Email, DemoAccounts.Jun.Password);

        var page = await browser.GetPageAsync("/bookings");

        Assert.Equal("My bookings", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("No bookings yet", Browser.VisibleText(page));
    }
}
