using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Mail.Alerts;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Once a changed sign-in address is confirmed, by the account page's link or by the API's, the previous address
/// gets a notice in the member's language: the new address masked, and the way to the forgot-password page. A
/// link that changes nothing tells nobody. Mails go through the outbox to the real SMTP sink; the outbox row is
/// written while the link is answered, so "no row" means no notice will ever be sent.
/// </summary>
public sealed partial class AddressChangedNoticeTests : IAsyncLifetime
{
    private const string Password = "Notice!2345";
    private readonly SmtpSink _sink = SmtpSink.Shared();
    private readonly TestApp _app;

    public AddressChangedNoticeTests() => _app = new TestApp(TestApp.MailSettings(_sink));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_change_confirmed_on_the_page_tells_the_previous_address_in_korean_for_a_korean_member()
    {
        var (previous, memberId) = await MemberAsync();
        Assert.True(await _app.Services.GetRequiredService<MemberPreferencesStore>().SaveAsync(memberId, [], "ko", Ct));
        var moved = $"moved-{Guid.NewGuid():N}@atticket.test";
        using var browser = _app.NewBrowser();
        await browser.LogInSuccessfullyAsync(previous, Password);
        using (var asked = await browser.SubmitFormAsync("/Account/Manage/Email", "change-email", new Dictionary<string, string> { ["Input.NewEmail"] = moved }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var link = LinkIn(Assert.Single(await _sink.WaitForMailsToAsync(moved)), PageLink());
        Assert.Equal(0, await NoticesAsync(memberId)); // asking changes nothing yet

        // The page is English: whoever opens the link chooses its language, the notice is in the member's.
        var page = await _app.NewBrowser().GetPageAsync(link.PathAndQuery + "&culture=en");
        Assert.Contains($"Your e-mail address is now {moved}.", page.QuerySelector("[role='status']")?.TextContent);

        var notice = Assert.Single(await _sink.WaitForMailsToAsync(previous));
        Assert.Equal("AtTicket 계정의 로그인 주소가 바뀌었습니다", notice.Subject);
        var text = notice.TextBody ?? string.Empty;
        Assert.Contains("AtTicket 계정의 로그인 주소가 m***@atticket.test(으)로 바뀌었습니다.", text);
        Assert.Contains(ForgotPasswordLink, text);
        Assert.DoesNotContain(moved, text + notice.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code=", text + notice.HtmlBody, StringComparison.Ordinal);

        var again = await _app.NewBrowser().GetPageAsync(link.PathAndQuery); // a second click changes nothing more
        Assert.NotNull(again.QuerySelector("[role='status']"));
        Assert.Equal(1, await NoticesAsync(memberId));
    }

    [Fact]
    public async Task A_change_confirmed_through_the_api_tells_the_previous_address()
    {
        var (previous, memberId) = await MemberAsync();
        var moved = $"api-{Guid.NewGuid():N}@atticket.test";
        using var client = _app.NewClient();
        await SignInWithBearerAsync(client, previous);
        using (var asked = await client.PostAsJsonAsync("/api/auth/manage/info", new { newEmail = moved }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var link = LinkIn(Assert.Single(await _sink.WaitForMailsToAsync(moved)), ApiLink());
        using (var confirmed = await _app.NewClient().GetAsync(link.PathAndQuery, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var notice = Assert.Single(await _sink.WaitForMailsToAsync(previous));
        Assert.Equal("The sign-in address of your account was changed", notice.Subject);
        Assert.Contains("The sign-in address of your AtTicket account was changed to a***@atticket.test. If you did not do this, reset your password with this link:", notice.TextBody);
        Assert.Contains(ForgotPasswordLink, notice.TextBody);
        Assert.Equal(1, await NoticesAsync(memberId));
    }

    [Fact]
    public async Task A_wrong_link_or_an_address_taken_meanwhile_changes_nothing_and_tells_nobody()
    {
        var (previous, memberId) = await MemberAsync();
        var moved = $"taken-{Guid.NewGuid():N}@atticket.test";
        var code = await ChangeCodeAsync(previous, moved);
        var query = $"userId={Uri.EscapeDataString(memberId)}&changedEmail={Uri.EscapeDataString(moved)}";

        var damaged = await _app.NewBrowser().GetPageAsync($"/Account/ConfirmEmail?{query}&code=YWJj");
        Assert.NotNull(damaged.QuerySelector("[role='alert']"));
        using (var wrong = await _app.NewClient().GetAsync($"/api/auth/confirmEmail?{query}&code=YWJj", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        await MemberAsync(moved); // someone else takes the address before the link is opened
        var taken = await _app.NewBrowser().GetPageAsync($"/Account/ConfirmEmail?{query}&code={code}");
        Assert.NotNull(taken.QuerySelector("[role='alert']"));

        Assert.Equal(0, await NoticesAsync(memberId));
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(previous, (await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByIdAsync(memberId))?.Email);
    }

    private string ForgotPasswordLink => _app.Services.GetRequiredService<IOptions<AlertMailOptions>>().Value.Link("/Account/ForgotPassword").AbsoluteUri;

    private static Uri LinkIn(MimeMessage mail, Regex link)
    {
        var found = link.Match(mail.TextBody ?? string.Empty);
        Assert.True(found.Success, $"No confirmation link in the mail:\n{mail.TextBody}");
        return new Uri(found.Value);
    }

    /// <summary>The code of the link the account page would mail for a change to <paramref name="newEmail"/>.</summary>
    private async Task<string> ChangeCodeAsync(string email, string newEmail)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var token = await members.GenerateChangeEmailTokenAsync((await members.FindByEmailAsync(email))!, newEmail);
        return Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));
    }

    private async Task<(string Email, string MemberId)> MemberAsync(string? email = null)
    {
        email ??= $"notice-{Guid.NewGuid():N}@atticket.test";
        await using var scope = _app.Services.CreateAsyncScope();
        var member = new Member { UserName = email, Email = email, DisplayName = "Notice Tester", EmailConfirmed = true };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().CreateAsync(member, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        return (email, member.Id);
    }

    private static async Task SignInWithBearerAsync(HttpClient client, string email)
    {
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }

    /// <summary>How many address-changed notices the outbox holds for the member.</summary>
    private async Task<int> NoticesAsync(string memberId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<AtTicketDbContext>().OutboxMessages
            .Where(m => m.Type == IntegrationEvents.AccountMailType).Select(m => m.Payload).ToListAsync(Ct);
        return payloads.Select(IntegrationEvents.Read<AccountMail>).Count(m => m.MemberId == memberId && m.Kind == AccountMailKind.AddressChanged);
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+changedEmail=\S+")]
    private static partial Regex PageLink();

    [GeneratedRegex(@"https?://\S+/api/auth/confirmEmail\?\S+")]
    private static partial Regex ApiLink();
}
