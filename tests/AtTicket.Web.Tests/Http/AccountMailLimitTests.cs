using System.Net;
using System.Net.Http.Json;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// The forgot-password and resend-confirmation pages (and their API twins) cannot mail-bomb an inbox from one
/// network: past the limit per e-mail address asked for from one client address, the usual answer and no mail;
/// past the limit per client address, a "too many requests" message. Mails go through the outbox to the real SMTP sink; the outbox row is written
/// while the request is answered, so "no row" means no mail will ever be sent.
/// </summary>
public sealed class AccountMailLimitTests : IAsyncLifetime
{
    private const int PerAccount = 2;
    private const int PerAddress = 4;
    private readonly SmtpSink _sink = SmtpSink.Shared();
    private readonly TestApp _app;

    public AccountMailLimitTests()
    {
        var settings = TestApp.MailSettings(_sink);
        settings["RateLimits:AccountMails:PerMember"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimits:AccountMails:PerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimits:AccountMails:WindowSeconds"] = "3600";
        _app = new TestApp(settings);
    }

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Past_the_limit_per_account_the_answer_stays_the_same_and_no_mail_is_sent_but_the_owner_elsewhere_gets_one()
    {
        var email = await MemberAsync();

        // One address asks for the account's mails, alternating the two pages: past the account's count
        // from that address, the same answer and no mail.
        using var stranger = _app.NewBrowser();
        for (var request = 1; request <= PerAccount + 2; request++)
        {
            var (url, form) = request % 2 == 1 ? ("/Account/ForgotPassword", "forgot-password") : ("/Account/ResendEmailConfirmation", "resend-confirmation");
            using var asked = await stranger.SubmitFormAsync(url, form, new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            var page = await Browser.ParseAsync(asked);
            Assert.NotNull(page.QuerySelector("[role='status']"));
            Assert.Null(page.QuerySelector("[role='alert']"));
        }

        Assert.Equal(PerAccount, await OutboxMailsToAsync(email));
        await WaitForSinkAsync(email, PerAccount);

        // The owner, from an address of their own, is not held back by the stranger's count.
        using var owner = await _app.NewBrowser().SubmitFormAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(PerAccount + 1, await OutboxMailsToAsync(email));
        await WaitForSinkAsync(email, PerAccount + 1);
    }

    [Theory]
    [InlineData("en", "Too many requests from this network. Try again in")]
    [InlineData("ko", "이 네트워크의 요청이 너무 많습니다.")]
    public async Task Past_the_limit_per_address_the_page_says_so_and_sends_nothing(string language, string message)
    {
        using var browser = _app.NewBrowser();
        for (var request = 1; request <= PerAddress; request++)
        {
            using var asked = await browser.SubmitFormAsync($"/Account/ForgotPassword?culture={language}", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = $"nobody-{Guid.NewGuid():N}@atticket.test" });
            Assert.NotNull((await Browser.ParseAsync(asked)).QuerySelector("[role='status']"));
        }

        var member = await MemberAsync();
        using var refused = await browser.SubmitFormAsync($"/Account/ResendEmailConfirmation?culture={language}", "resend-confirmation", new Dictionary<string, string> { ["Input.Email"] = member });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Browser.ParseAsync(refused);
        Assert.Null(page.QuerySelector("[role='status']"));
        Assert.StartsWith(message, page.QuerySelector("[role='alert']")?.TextContent.Trim());
        Assert.Matches(@"\d+", page.QuerySelector("[role='alert']")?.TextContent);
        Assert.Equal(0, await OutboxMailsToAsync(member));

        // The same account from another address is not held back by this one's count.
        using var elsewhere = await _app.NewBrowser().SubmitFormAsync("/Account/ResendEmailConfirmation", "resend-confirmation", new Dictionary<string, string> { ["Input.Email"] = member });
        Assert.NotNull((await Browser.ParseAsync(elsewhere)).QuerySelector("[role='status']"));
        Assert.Single(await _sink.WaitForMailsToAsync(member));
    }

    [Fact]
    public async Task The_api_answers_200_without_a_mail_past_the_account_limit_and_429_past_the_address_limit()
    {
        var email = await MemberAsync(confirmed: true); // Identity's API mails reset links to confirmed addresses only
        using var asking = _app.NewClient();
        for (var request = 1; request <= PerAccount + 1; request++)
        {
            using var asked = await asking.PostAsJsonAsync("/api/auth/forgotPassword", new { email }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        Assert.Equal(PerAccount, await OutboxMailsToAsync(email));

        using var one = _app.NewClient();
        for (var request = 1; request <= PerAddress; request++)
        {
            using var asked = await one.PostAsJsonAsync("/api/auth/resendConfirmationEmail", new { email = $"nobody-{Guid.NewGuid():N}@atticket.test" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        using var refused = await one.PostAsJsonAsync("/api/auth/forgotPassword", new { email = $"nobody-{Guid.NewGuid():N}@atticket.test" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var problem = await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Matches(@"^Too many account mail requests from this address\. Try again in \d+ seconds\.$", problem?.Detail);
    }

    [Fact]
    public async Task An_email_change_mails_the_new_address_within_the_same_limits_and_answers_429_past_either()
    {
        using var member = _app.NewClient();
        await SignInWithBearerAsync(member, await MemberAsync(confirmed: true));
        var newEmail = $"changed-{Guid.NewGuid():N}@atticket.test";
        for (var request = 1; request <= PerAccount; request++)
        {
            using var changed = await member.PostAsJsonAsync("/api/auth/manage/info", new { newEmail }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        using var overAccount = await member.PostAsJsonAsync("/api/auth/manage/info", new { newEmail }, TestContext.Current.CancellationToken);
        await AssertTooManyAsync(overAccount, @"^Too many account mail requests for this e-mail address\. Try again in \d+ seconds\.$");
        Assert.Equal(PerAccount, await OutboxMailsToAsync(newEmail));
        await WaitForSinkAsync(newEmail, PerAccount);

        // The refused request counted for the client address too (3 of 4): one more new address, then the address is full.
        var another = $"changed-{Guid.NewGuid():N}@atticket.test";
        using var allowed = await member.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = another }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var third = $"changed-{Guid.NewGuid():N}@atticket.test";
        using var overAddress = await member.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = third }, TestContext.Current.CancellationToken);
        await AssertTooManyAsync(overAddress, @"^Too many account mail requests from this address\. Try again in \d+ seconds\.$");
        Assert.Equal(1, await OutboxMailsToAsync(another));
        Assert.Equal(0, await OutboxMailsToAsync(third));
    }

    [Fact]
    public async Task The_account_page_answers_a_taken_address_as_a_free_one_and_says_when_the_limit_is_used_up()
    {
        var email = await MemberAsync(confirmed: true);
        var taken = await MemberAsync();
        using var browser = _app.NewBrowser();
        await browser.LogInSuccessfullyAsync(email, "Limit!2345");
        var free = $"changed-{Guid.NewGuid():N}@atticket.test";

        var toFree = await ChangeEmailPageAsync(browser, free);
        var toTaken = await ChangeEmailPageAsync(browser, taken);

        Assert.Equal(toFree.Replace(free, "X", StringComparison.Ordinal), toTaken.Replace(taken, "X", StringComparison.Ordinal));
        Assert.Contains("a confirmation link is on its way", toFree);
        Assert.Equal(1, await OutboxMailsToAsync(free));
        Assert.Equal(0, await OutboxMailsToAsync(taken));

        // Two of the client's four are used: the free address's second mail, then the limit per address asked for.
        await ChangeEmailPageAsync(browser, free);
        using var refused = await browser.SubmitFormAsync("/Account/Manage/Email", "change-email", new Dictionary<string, string> { ["Input.NewEmail"] = free });
        var page = await Browser.ParseAsync(refused);
        Assert.Null(page.QuerySelector("[role='status']"));
        Assert.Matches(@"^Too many address changes asked for\. Try again in \d+ minutes\.$", page.QuerySelector("[role='alert']")?.TextContent.Trim());
        Assert.Equal(PerAccount, await OutboxMailsToAsync(free));
    }

    private static async Task<string> ChangeEmailPageAsync(Browser browser, string newEmail)
    {
        using var answered = await browser.SubmitFormAsync("/Account/Manage/Email", "change-email", new Dictionary<string, string> { ["Input.NewEmail"] = newEmail });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var status = (await Browser.ParseAsync(answered)).QuerySelector("[role='status']");
        Assert.NotNull(status);
        return status.TextContent.Trim();
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage refused, string detail)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var problem = await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Matches(detail, problem?.Detail);
    }

    private static async Task SignInWithBearerAsync(HttpClient client, string email)
    {
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Limit!2345" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }

    private async Task WaitForSinkAsync(string email, int count)
    {
        await _sink.WaitForMailsToAsync(email);
        await Within.UntilAsync(() => _sink.MailsTo(email).Count >= count, () => $"Only {_sink.MailsTo(email).Count} of {count} mails to {email} reached the sink.", TimeSpan.FromSeconds(60));
    }

    private async Task<int> OutboxMailsToAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<AtTicketDbContext>().OutboxMessages;
        return outbox.Where(m => m.Type == Domain.Messaging.IntegrationEvents.AccountMailType).AsEnumerable()
            .Count(m => m.Payload.Contains(email, StringComparison.Ordinal));
    }

    private async Task<string> MemberAsync(bool confirmed = false)
    {
        var email = $"limit-{Guid.NewGuid():N}@atticket.test";
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>()
            .CreateAsync(new Member { UserName = email, Email = email, DisplayName = "Limit Tester", EmailConfirmed = confirmed }, "Limit!2345");
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        return email;
    }
}
