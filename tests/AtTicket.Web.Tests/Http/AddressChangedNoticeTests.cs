using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Once a changed sign-in address is confirmed, by the account page's link or by the API's, the previous address
/// gets a notice in the member's language: the new address masked, and a link that takes the account back. A
/// link that changes nothing tells nobody. Mails go through the outbox to the real SMTP sink; the outbox row is
/// written while the link is answered, so "no row" means no notice will ever be sent.
/// </summary>
public sealed partial class AddressChangedNoticeTests : IAsyncLifetime
{
    private const string Password = "Notice!2345";
    private readonly SmtpSink _sink = SmtpSink.Shared();
    private readonly TestApp _app;

    // The stamp is read on every request, so a session ended by a restore is refused at the taker's next request.
    public AddressChangedNoticeTests() => _app = new TestApp(new Dictionary<string, string>(TestApp.MailSettings(_sink)) { ["Sessions:StampCheckSeconds"] = "0" });

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
        Assert.Matches(UndoLink(), text);
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
        Assert.Contains("The sign-in address of your AtTicket account was changed to a***@atticket.test. If you did not do this, take your account back with this link within 7 days: it restores this address and signs out every device.", notice.TextBody);
        Assert.Matches(UndoLink(), notice.TextBody ?? string.Empty);
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

    [Fact]
    public async Task A_refused_change_leaves_no_notice_behind_for_the_next_save_of_its_scope()
    {
        var (_, memberId) = await MemberAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = (await members.FindByIdAsync(memberId))!;

        Assert.False((await members.ChangeEmailAsync(member, $"refused-{Guid.NewGuid():N}@atticket.test", "not-a-token")).Succeeded);
        Assert.True((await members.SetPhoneNumberAsync(member, "010-1234-5678")).Succeeded); // the scope's context saves again

        Assert.Equal(0, await NoticesAsync(memberId));
    }

    [Fact]
    public async Task The_link_in_the_notice_restores_the_previous_address_ends_every_session_and_removes_the_password()
    {
        var (previous, memberId) = await MemberAsync();
        var moved = $"taker-{Guid.NewGuid():N}@atticket.test";
        using var taker = _app.NewBrowser();
        await taker.LogInSuccessfullyAsync(previous, Password);
        using (await taker.SubmitFormAsync("/Account/Manage/Email", "change-email", new Dictionary<string, string> { ["Input.NewEmail"] = moved }))
        {
        }

        await _app.NewBrowser().GetPageAsync(LinkIn(Assert.Single(await _sink.WaitForMailsToAsync(moved)), PageLink()).PathAndQuery);
        var undo = LinkIn(Assert.Single(await _sink.WaitForMailsToAsync(previous)), UndoLink()).PathAndQuery;
        await taker.LogInSuccessfullyAsync(moved, Password); // the change itself ended the sessions; the taker logs in again
        using (var stillIn = await taker.GetAsync("/Account/Manage/Email"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        var owner = _app.NewBrowser();
        var question = await owner.GetPageAsync(undo); // opening the link changes nothing: mail scanners open links
        Assert.Contains(previous, Browser.VisibleText(question));
        Assert.Equal(moved, (await MemberByIdAsync(memberId)).Email);

        using (var restored = await owner.SubmitFormAsync(undo, "undo-address-change", new Dictionary<string, string>()))
        {
            var page = await Browser.ParseAsync(restored);
            Assert.Contains($"Your sign-in address is {previous} again", page.QuerySelector("[role='status']")?.TextContent);
        }

        var member = await MemberByIdAsync(memberId);
        Assert.Equal((previous, previous, true, false), (member.Email, member.UserName, member.EmailConfirmed, member.PasswordHash is not null));
        using (var ended = await taker.GetAsync("/Account/Manage/Email"))
        {
            Assert.StartsWith("/Account/Login", Browser.RedirectTarget(ended));
        }

        using (var oldPassword = await _app.NewBrowser().LogInAsync(previous, Password))
        {
            Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode); // the form again, with its error: no sign-in
        }

        // The owner chooses a new password; a second click on the link later does not take it away.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            Assert.True((await members.AddPasswordAsync((await members.FindByIdAsync(memberId))!, "Chosen!2345")).Succeeded);
        }

        using (await owner.SubmitFormAsync(undo, "undo-address-change", new Dictionary<string, string>()))
        {
        }

        await _app.NewBrowser().LogInSuccessfullyAsync(previous, "Chosen!2345");
    }

    [Fact]
    public async Task A_damaged_undo_link_or_an_address_taken_meanwhile_restores_nothing()
    {
        var damaged = await _app.NewBrowser().GetPageAsync("/Account/UndoAddressChange?token=YWJj");
        Assert.Contains("invalid or has expired", damaged.QuerySelector("[role='alert']")?.TextContent);
        Assert.DoesNotContain(damaged.Forms, f => f.QuerySelector("input[name='_handler'][value='undo-address-change']") is not null);

        var (previous, memberId) = await MemberAsync();
        var moved = $"gone-{Guid.NewGuid():N}@atticket.test";
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var member = (await members.FindByIdAsync(memberId))!;
            Assert.True((await members.ChangeEmailAsync(member, moved, await members.GenerateChangeEmailTokenAsync(member, moved))).Succeeded);
            Assert.True((await members.SetUserNameAsync(member, moved)).Succeeded);
        }

        var undo = LinkIn(Assert.Single(await _sink.WaitForMailsToAsync(previous)), UndoLink()).PathAndQuery;
        await MemberAsync(previous); // someone registers the freed address before the owner opens the link
        using (var refused = await _app.NewBrowser().SubmitFormAsync(undo, "undo-address-change", new Dictionary<string, string>()))
        {
            Assert.Contains("belongs to another account now", (await Browser.ParseAsync(refused)).QuerySelector("[role='alert']")?.TextContent);
        }

        var unchanged = await MemberByIdAsync(memberId);
        Assert.Equal((moved, true), (unchanged.Email, unchanged.PasswordHash is not null));
    }

    private async Task<Member> MemberByIdAsync(string memberId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByIdAsync(memberId))!;
    }

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

    [GeneratedRegex(@"https?://\S+/Account/UndoAddressChange\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex UndoLink();
}
