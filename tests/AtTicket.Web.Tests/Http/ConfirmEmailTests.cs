using System.Net;
using System.Text.RegularExpressions;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Confirming the address, end to end on the real app: registering writes the mail to the outbox (its
/// link encrypted there), the worker sends it to the real SMTP sink, and its link confirms the address.
/// Signing in does not wait for the confirmation.
/// </summary>
public sealed partial class ConfirmEmailTests : IAsyncLifetime
{
    private const string Password = "Confirm!2345";
    private readonly SmtpSink _sink = SmtpSink.Shared();
    private readonly TestApp _app;

    public ConfirmEmailTests()
    {
        var settings = TestApp.MailSettings(_sink);
        _app = new TestApp(settings);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("en", "Confirm your e-mail address", "Thank you: your e-mail address is confirmed.")]
    [InlineData("ko", "이메일 주소를 확인해 주세요", "감사합니다. 이메일 주소가 확인되었습니다.")]
    public async Task Registering_mails_a_link_in_the_pages_language_that_confirms_the_address(string language, string subject, string confirmed)
    {
        var email = $"confirm-{Guid.NewGuid():N}@atticket.test";
        using var browser = _app.NewBrowser();

        using (var registered = await browser.SubmitFormAsync($"/Account/Register?culture={language}", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Confirm Tester",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.AcceptPrivacyTerms"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode); // "we sent you a mail", the same answer for every address
        }

        var mail = Assert.Single(await _sink.WaitForMailsToAsync(email));
        Assert.Equal(subject, mail.Subject);
        var link = new Uri(ConfirmLink().Match(mail.TextBody ?? string.Empty).Value);
        var code = System.Web.HttpUtility.ParseQueryString(link.Query)["code"];
        Assert.False(string.IsNullOrEmpty(code), $"No confirmation link in the mail:\n{mail.TextBody}");
        Assert.DoesNotContain(await AccountMailPayloadsAsync(email), payload => payload.Contains(code, StringComparison.Ordinal) || payload.Contains("/Account/ConfirmEmail", StringComparison.Ordinal));
        Assert.False(await ConfirmedAsync(email));

        var page = await _app.NewBrowser().GetPageAsync(link.PathAndQuery + $"&culture={language}");
        Assert.Equal(confirmed, page.QuerySelector("[role='status']")?.TextContent.Trim());
        Assert.True(await ConfirmedAsync(email));

        var again = await _app.NewBrowser().GetPageAsync(link.PathAndQuery); // a second click is not an error
        Assert.NotNull(again.QuerySelector("[role='status']"));
    }

    [Theory]
    [InlineData("/Account/ConfirmEmail")]
    [InlineData("/Account/ConfirmEmail?userId=nobody&code=abc")]
    [InlineData("/Account/ConfirmEmail?userId={0}&code=not*base64")]
    [InlineData("/Account/ConfirmEmail?userId={0}&code=YWJj")]
    public async Task A_wrong_or_damaged_link_says_so_and_confirms_nothing(string url)
    {
        var (email, memberId) = await MemberAsync();

        var target = string.Format(System.Globalization.CultureInfo.InvariantCulture, url, memberId);
        var page = await _app.NewBrowser().GetPageAsync(target + (target.Contains('?') ? "&" : "?") + "culture=ko");

        Assert.Contains("확인 링크가 잘못되었거나 만료되었습니다", page.QuerySelector("[role='alert']")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/Account/ResendEmailConfirmation']"));
        Assert.False(await ConfirmedAsync(email));
    }

    [Fact]
    public async Task Resending_mails_a_new_link_that_confirms_the_address()
    {
        var (email, _) = await MemberAsync();
        using var browser = _app.NewBrowser();

        using (var asked = await browser.SubmitFormAsync("/Account/ResendEmailConfirmation?culture=ko", "resend-confirmation", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
            Assert.Contains("확인 링크가 담긴 메일을 보냈습니다", (await Browser.ParseAsync(asked)).QuerySelector("[role='status']")?.TextContent);
        }

        var mail = Assert.Single(await _sink.WaitForMailsToAsync(email));
        Assert.Equal("이메일 주소를 확인해 주세요", mail.Subject);
        var page = await browser.GetPageAsync(new Uri(ConfirmLink().Match(mail.TextBody ?? string.Empty).Value).PathAndQuery);
        Assert.NotNull(page.QuerySelector("[role='status']"));
        Assert.True(await ConfirmedAsync(email));
    }

    [Fact]
    public async Task Resending_for_an_unknown_or_confirmed_address_answers_the_same_and_writes_no_mail()
    {
        var (confirmedEmail, _) = await MemberAsync(confirmed: true);
        var unknown = $"nobody-{Guid.NewGuid():N}@atticket.test";

        foreach (var email in new[] { confirmedEmail, unknown })
        {
            using var asked = await _app.NewBrowser().SubmitFormAsync("/Account/ResendEmailConfirmation", "resend-confirmation", new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains("If an account uses this address and it is not confirmed yet", (await Browser.ParseAsync(asked)).QuerySelector("[role='status']")?.TextContent);
            Assert.Empty(await AccountMailPayloadsAsync(email));
        }
    }

    [Fact]
    public async Task An_empty_or_malformed_address_gets_a_validation_message()
    {
        using var asked = await _app.NewBrowser().SubmitFormAsync("/Account/ResendEmailConfirmation", "resend-confirmation", new Dictionary<string, string> { ["Input.Email"] = "not an address" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Enter a valid e-mail address.", Browser.VisibleText(await Browser.ParseAsync(asked)));
    }

    private async Task<(string Email, string MemberId)> MemberAsync(bool confirmed = false)
    {
        var email = $"resend-{Guid.NewGuid():N}@atticket.test";
        await using var scope = _app.Services.CreateAsyncScope();
        var member = new Member { UserName = email, Email = email, DisplayName = "Resend Tester", EmailConfirmed = confirmed };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().CreateAsync(member, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        return (email, member.Id);
    }

    private async Task<bool> ConfirmedAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(email);
        return member!.EmailConfirmed;
    }

    /// <summary>The payload of every account mail the outbox holds for <paramref name="email"/>.</summary>
    private async Task<List<string>> AccountMailPayloadsAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AtTicketDbContext>();
        var payloads = await db.OutboxMessages.Where(m => m.Type == IntegrationEvents.AccountMailType).Select(m => m.Payload).ToListAsync(Ct);
        return [.. payloads.Where(p => p.Contains(email, StringComparison.Ordinal))];
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}
