using System.Net;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Http;

/// <summary>The login form, posted as a browser posts it. Only the lockout test uses Jun, and it locks him.</summary>
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

        await browser.LogInSuccessfullyAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password);

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

        using var response = await browser.LogInAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(response));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        using var browser = app.NewBrowser();
        var jun = DemoAccounts.Jun;

        for (var attempt = 1; attempt < IdentityRules.MaxFailedAccessAttempts; attempt++)
        {
            using var wrong = await browser.LogInAsync(jun.Email, $"Wrong!{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var last = await browser.LogInAsync(jun.Email, "Wrong!last");
        using var right = await browser.LogInAsync(jun.Email, jun.Password);

        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.Equal("/Account/Lockout", Browser.RedirectTarget(last));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Account/Lockout", Browser.RedirectTarget(right));
        var lockout = await browser.GetPageAsync("/Account/Lockout");
        Assert.Contains("This account is locked for 10 minutes", Browser.VisibleText(lockout));
        var home = await browser.GetPageAsync("/");
        Assert.Null(home.QuerySelector("[data-testid='member-name']"));
    }
}
