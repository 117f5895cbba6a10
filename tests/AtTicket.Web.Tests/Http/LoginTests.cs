using AtTicket.Web.Components.Account;
using System.Net;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Http;

/// <summary>The login form, posted as a browser posts it. Slowing down wrong passwords: <see cref="LoginThrottleTests"/>.</summary>
public sealed class LoginTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Wrong_password_shows_the_error_and_does_not_sign_in()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.LogInAsync(DemoAccounts.Minji.Email, "Wrong!2345");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("The e-mail or password is not correct.", page.QuerySelector("[role='alert']")?.TextContent.Trim());
        var home = await browser.GetPageAsync("/");
        Assert.Null(home.QuerySelector("[data-testid='member-name']"));
    }

    [Fact]
    public async Task Empty_form_shows_the_field_messages()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.LogInAsync(string.Empty, string.Empty);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await Browser.ParseAsync(response)).QuerySelectorAll(".validation-message").Select(m => m.TextContent.Trim());
        Assert.Contains("Enter your e-mail address.", messages);
        Assert.Contains("Enter your password.", messages);
    }

    [Fact]
    public async Task Right_password_signs_in_and_shows_the_display_name()
    {
        using var browser = app.NewBrowser();

        await browser.LogInSuccessfullyAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, LandingPage.AdminDashboard);

        var home = await browser.GetPageAsync("/");
        Assert.Equal(DemoAccounts.Admin.DisplayName, home.QuerySelector("[data-testid='member-name']")?.TextContent.Trim());
    }

    [Fact]
    public async Task Login_returns_to_the_local_page_it_was_asked_for()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.LogInAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, returnUrl: "/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", Browser.RedirectTarget(response));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task Login_refuses_to_return_to_another_site(string returnUrl)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.LogInAsync(DemoAccounts.Minji.Email, DemoAccounts.Minji.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(response));
    }

    [Theory]
    [InlineData(null, "/admin")]
    [InlineData("/", "/admin")]
    [InlineData("https://evil.example/", "/admin")]
    [InlineData("/products/1", "/products/1")]
    public async Task An_admin_going_nowhere_in_particular_lands_on_the_dashboard(string? returnUrl, string landing)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.LogInAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, Browser.RedirectTarget(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/")]
    public async Task A_customer_going_nowhere_in_particular_lands_home(string? returnUrl)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.LogInAsync(DemoAccounts.Minji.Email, DemoAccounts.Minji.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(response));
    }
}
