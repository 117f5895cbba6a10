using System.Net;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Http;

public sealed class LogoutTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Logout_clears_the_sign_in_cookie()
    {
        var minji = DemoAccounts.Minji;
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(minji.Email, minji.Password);

        using var response = await browser.SubmitFormAsync("/", "/Account/Logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(response));
        var cleared = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("atticket.auth=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        var home = await browser.GetPageAsync("/");
        Assert.Null(home.QuerySelector("[data-testid='member-name']"));
        using var manage = await browser.GetAsync("/Account/Manage/ChangePassword");
        Assert.StartsWith("/Account/Login", Browser.RedirectTarget(manage));
    }

    [Fact]
    public async Task Logout_without_the_antiforgery_token_is_refused()
    {
        var minji = DemoAccounts.Minji;
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(minji.Email, minji.Password);

        using var response = await browser.Client.PostAsync(
            "/Account/Logout",
            new FormUrlEncodedContent([new("returnUrl", "/")]),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var home = await browser.GetPageAsync("/");
        Assert.Equal(minji.DisplayName, home.QuerySelector("[data-testid='member-name']")?.TextContent.Trim());
    }
}
