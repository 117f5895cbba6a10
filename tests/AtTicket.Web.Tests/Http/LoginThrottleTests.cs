using AtTicket.Web.Components.Account;
using System.Net;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Components.Account.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Wrong passwords slow the guessing client down (growing waits, the password not even checked meanwhile)
/// instead of locking the account: the owner, on a browser that signed in before, still gets in. Fifteen
/// failures beyond the free ones leave a wait of minutes, so "refused" below does not depend on timing.
/// </summary>
public sealed class LoginThrottleTests(TestApp app) : IClassFixture<TestApp>
{
    private const int Failures = 15;

    [Fact]
    public async Task A_stranger_guessing_is_slowed_down_while_the_owner_on_a_known_browser_gets_in()
    {
        var admin = DemoAccounts.Admin;
        using var owner = app.NewBrowser();
        await owner.LogInSuccessfullyAsync(admin.Email, admin.Password, LandingPage.AdminDashboard);
        using var stranger = app.NewBrowser();

        for (var attempt = 1; attempt <= Failures; attempt++)
        {
            using var wrong = await stranger.LogInAsync(admin.Email, $"Wrong!{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var strangerRight = await stranger.LogInAsync(admin.Email, admin.Password);
        using var ownerAgain = await owner.LogInAsync(admin.Email, admin.Password);

        Assert.Equal(HttpStatusCode.OK, strangerRight.StatusCode);
        var refused = await Browser.ParseAsync(strangerRight);
        Assert.Matches(@"^Too many failed logins\. Try again in \d+ seconds\.$", refused.QuerySelector("[role='alert']")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, ownerAgain.StatusCode);
        Assert.Equal(LandingPage.AdminDashboard, Browser.RedirectTarget(ownerAgain));
        await AssertNotLockedAsync(admin.Email);
    }

    [Fact]
    public async Task A_few_wrong_passwords_cost_nothing_and_the_right_one_still_works()
    {
        var customer = DemoAccounts.Minji;
        using var browser = app.NewBrowser();

        for (var attempt = 1; attempt <= LoginThrottle.PerAccountAndAddress.FreeFailures; attempt++)
        {
            using var wrong = await browser.LogInAsync(customer.Email, $"Wrong!{attempt}");
            Assert.Equal("The e-mail or password is not correct.", (await Browser.ParseAsync(wrong)).QuerySelector("[role='alert']")?.TextContent.Trim());
        }

        await browser.LogInSuccessfullyAsync(customer.Email, customer.Password);
    }

    private async Task AssertNotLockedAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await members.FindByEmailAsync(email);
        Assert.False(await members.IsLockedOutAsync(member!));
        Assert.Equal(0, await members.GetAccessFailedCountAsync(member!));
    }
}
