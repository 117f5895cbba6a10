using System.Net;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Http;

/// <summary>Changes Minji's password on an app of its own; Jun's stays as seeded.</summary>
public sealed class ChangePasswordTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Page = "/Account/Manage/ChangePassword";

    [Fact]
    public async Task Changed_password_works_and_the_old_one_stops_working()
    {
        var minji = DemoAccounts.Minji;
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(minji.Email, minji.Password);

        using var response = await browser.SubmitFormAsync(Page, "change-password", Form(minji.Password, "Encore#2027", "Encore#2027"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Your password has been changed.", (await Browser.ParseAsync(response)).QuerySelector("[role='status']")?.TextContent.Trim());
        using (var stillSignedIn = await browser.GetAsync(Page))
        {
            Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        }

        using var other = app.NewBrowser();
        using var withOld = await other.LogInAsync(minji.Email, minji.Password);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Contains("The e-mail or password is not correct.", Browser.VisibleText(await Browser.ParseAsync(withOld)));
        await other.LogInSuccessfullyAsync(minji.Email, "Encore#2027");
    }

    [Fact]
    public async Task Wrong_current_password_is_refused()
    {
        var jun = DemoAccounts.Jun;
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(jun.Email, jun.Password);

        using var response = await browser.SubmitFormAsync(Page, "change-password", Form("Not!Mine99", "Encore#2027", "Encore#2027"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The current password is not correct.", Browser.VisibleText(await Browser.ParseAsync(response)));
        using var other = app.NewBrowser();
        await other.LogInSuccessfullyAsync(jun.Email, jun.Password);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_log_in_first()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=", Browser.RedirectTarget(response));
    }

    private static Dictionary<string, string> Form(string current, string next, string confirm) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = confirm,
    };
}
