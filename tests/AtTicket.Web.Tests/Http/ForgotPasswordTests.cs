using System.Net;
using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Forgot password, end to end on the real app: the page writes the mail to the outbox, the dispatcher
/// and the mail worker send it to the real SMTP sink, and the link in it sets a new password.
/// </summary>
public sealed partial class ForgotPasswordTests : IAsyncLifetime
{
    private const string Password = "Before!2345";
    private readonly SmtpSink _sink = SmtpSink.Shared();
    private readonly TestApp _app;

    public ForgotPasswordTests()
    {
        var settings = TestApp.MailSettings(_sink);
        _app = new TestApp(settings);
    }

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("en", "Reset your password", "Choose a new password")]
    [InlineData("ko", "비밀번호 재설정", "새 비밀번호 정하기")]
    public async Task The_reset_mail_arrives_in_the_pages_language_and_its_link_sets_a_new_password(string language, string subject, string action)
    {
        var email = await MemberAsync();
        using var browser = _app.NewBrowser();

        using (var asked = await browser.SubmitFormAsync($"/Account/ForgotPassword?culture={language}", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.NotNull((await Browser.ParseAsync(asked)).QuerySelector("[role='status']"));
        }

        var mail = Assert.Single(await _sink.WaitForMailsToAsync(email));
        Assert.Equal(subject, mail.Subject);
        Assert.Contains(action, mail.TextBody);
        var link = ResetLink().Match(mail.TextBody ?? string.Empty);
        Assert.True(link.Success, $"No reset link in the mail:\n{mail.TextBody}");
        Assert.Contains(WebUtility.HtmlEncode(link.Value), mail.HtmlBody);
        var target = new Uri(link.Value).PathAndQuery;
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(link.Value).Query)["code"]!;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            // The outbox row (and so the bus message) holds the link encrypted: a copy of it opens nothing.
            var outbox = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.AtTicketDbContext>().OutboxMessages;
            var row = Assert.Single(outbox.Where(m => m.Type == Domain.Messaging.IntegrationEvents.AccountMailType).AsEnumerable(), m => m.Payload.Contains(email, StringComparison.Ordinal));
            Assert.DoesNotContain(code, row.Payload);
            Assert.DoesNotContain("/Account/ResetPassword", row.Payload);
        }


        using (var reset = await browser.SubmitFormAsync(target, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "After!23456",
            ["Input.ConfirmPassword"] = "After!23456",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            var page = await Browser.ParseAsync(reset);
            Assert.True(page.QuerySelector("[role='status']") is not null, Browser.VisibleText(page));
        }

        using var other = _app.NewBrowser();
        using (var withOld = await other.LogInAsync(email, Password))
        {
            Assert.Equal(HttpStatusCode.OK, withOld.StatusCode); // the login page again, with its error
        }

        await other.LogInSuccessfullyAsync(email, "After!23456");

        // The link is spent: the token belonged to the old password.
        using var again = await _app.NewBrowser().SubmitFormAsync(target, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "Third!23456",
            ["Input.ConfirmPassword"] = "Third!23456",
        });
        Assert.NotEmpty(Browser.AlertLines(await Browser.ParseAsync(again)));
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail_is_written()
    {
        var email = $"nobody-{Guid.NewGuid():N}@atticket.test";
        using var browser = _app.NewBrowser();

        using var asked = await browser.SubmitFormAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("If an account uses this address", Browser.VisibleText(await Browser.ParseAsync(asked)));
        await using var scope = _app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.AtTicketDbContext>().OutboxMessages;
        Assert.DoesNotContain(outbox.Where(m => m.Type == Domain.Messaging.IntegrationEvents.AccountMailType).AsEnumerable(), m => m.Payload.Contains(email, StringComparison.Ordinal));
    }

    private async Task<string> MemberAsync()
    {
        var email = $"reset-{Guid.NewGuid():N}@atticket.test";
        await using var scope = _app.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var created = await members.CreateAsync(new Member { UserName = email, Email = email, DisplayName = "Reset Tester" }, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        return email;
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();
}
