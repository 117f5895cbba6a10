using System.Net;
using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Tests.Mail;
using AtTicket.Web.Components.Account.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// While strangers' failed logins hold an account in back-off, its owner on a new browser is still not locked
/// out: the reset mail arrives (on the real SMTP sink), and the browser that followed its link logs in.
/// </summary>
public sealed partial class OwnerDuringAttackTests : IAsyncLifetime
{
    private const string Password = "Before!2345";
    private readonly SmtpSink _sink = SmtpSink.Shared();
    private readonly TestApp _app;

    public OwnerDuringAttackTests()
    {
        var settings = TestApp.MailSettings(_sink);
        settings["RateLimits:Logins:PerMember"] = "1000"; // only the back-off stands in the way here
        _app = new TestApp(settings);
    }

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_owner_gets_a_reset_mail_and_logs_in_while_the_account_is_in_back_off()
    {
        var email = await MemberAsync();
        await AttackAsync(email, failures: 30); // 10 past the account's free 20: minutes of back-off

        using var owner = _app.NewBrowser();
        using (var refused = await owner.LogInAsync(email, Password))
        {
            Assert.Matches(@"^Too many failed logins\. Try again in \d+ seconds\.$", (await Browser.ParseAsync(refused)).QuerySelector("[role='alert']")?.TextContent.Trim());
        }

        using (var asked = await owner.SubmitFormAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
            Assert.NotNull((await Browser.ParseAsync(asked)).QuerySelector("[role='status']"));
        }

        var mail = Assert.Single(await _sink.WaitForMailsToAsync(email));
        var link = new Uri(ResetLink().Match(mail.TextBody ?? string.Empty).Value);
        using (var reset = await owner.SubmitFormAsync(link.PathAndQuery, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "After!23456",
            ["Input.ConfirmPassword"] = "After!23456",
        }))
        {
            Assert.NotNull((await Browser.ParseAsync(reset)).QuerySelector("[role='status']"));
        }

        await owner.LogInSuccessfullyAsync(email, "After!23456");

        // A browser that never proved anything still waits out the account's back-off, new password or not.
        using var stranger = await _app.NewBrowser().LogInAsync(email, "After!23456");
        Assert.Matches(@"^Too many failed logins\.", (await Browser.ParseAsync(stranger)).QuerySelector("[role='alert']")?.TextContent.Trim());
    }

    /// <summary>Failed logins at the account from as many addresses, recorded by the app's own throttle.</summary>
    private async Task AttackAsync(string email, int failures)
    {
        var throttle = _app.Services.GetRequiredService<LoginThrottle>();
        for (var i = 0; i < failures; i++)
        {
            await throttle.FailedAsync(new LoginClient(email.ToUpperInvariant(), TestPeers.Next().ToString(), Device: null));
        }
    }

    private async Task<string> MemberAsync()
    {
        var email = $"owner-{Guid.NewGuid():N}@atticket.test";
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>()
            .CreateAsync(new Member { UserName = email, Email = email, DisplayName = "Owner", EmailConfirmed = true }, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        return email;
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();
}
