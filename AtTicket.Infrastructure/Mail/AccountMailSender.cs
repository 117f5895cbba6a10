using System.Net;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Mail.Alerts;
using Microsoft.AspNetCore.Identity;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// Identity's account mails go through the outbox like every other mail: the page that asked returns
/// at once (it never waits for SMTP), and the mail worker sends it once, with retries, or parks it
/// where an admin sees it. The mail is written in the language of the page that asked. The link (or
/// code) is stored encrypted (<see cref="MailSecrets"/>): a copy of the outbox row or of the bus
/// message opens no account.
/// </summary>
public sealed class AccountMailSender(
    IDbContextFactory<AtTicketDbContext> contexts, MailSecrets secrets, AddressChangeUndoTokens undo, TimeProvider time, IOptions<AlertMailOptions> site) : IEmailSender<Member>
{
    public Task SendConfirmationLinkAsync(Member user, string email, string confirmationLink) =>
        WriteAsync(user, email, AccountMailKind.ConfirmAddress, Link(confirmationLink));

    public Task SendPasswordResetLinkAsync(Member user, string email, string resetLink) =>
        WriteAsync(user, email, AccountMailKind.ResetPasswordLink, Link(resetLink));

    /// <summary>Someone tried to register <paramref name="email"/>, which <paramref name="user"/> already has: the owner learns of it, the stranger learns nothing.</summary>
    public Task SendRegistrationAttemptAsync(Member user, string email) =>
        WriteAsync(user, email, AccountMailKind.RegistrationAttempt, site.Value.Link("/Account/Login").AbsoluteUri);

    public Task SendPasswordResetCodeAsync(Member user, string email, string resetCode) =>
        WriteAsync(user, email, AccountMailKind.ResetPasswordCode, resetCode);

    /// <summary>
    /// The notice that <paramref name="user"/>'s sign-in address is <paramref name="newEmail"/> now, for the previous
    /// address: the new one masked, in the member's own language (whoever opened the link chose the page's language,
    /// and that may be the one who took the account), and a link that takes the account back to it. The caller saves
    /// it with the change itself (<see cref="MemberManager"/>), so there is never a change without its notice.
    /// </summary>
    public OutboxMessage AddressChangedNotice(Member user, string previousEmail, string newEmail)
    {
        var token = undo.Create(new AddressChangeUndoRequest(user.Id, previousEmail));
        var link = site.Value.Link($"{UndoPath}?token={Uri.EscapeDataString(token)}").AbsoluteUri;
        return IntegrationEvents.Account(new AccountMail(user.Id, previousEmail, AccountMailKind.AddressChanged, secrets.ProtectLink(link), null, MaskedAddress.Of(newEmail)), time.GetUtcNow());
    }

    /// <summary>The page that restores a changed sign-in address (the Web's <c>UndoAddressChange</c>).</summary>
    public const string UndoPath = "/Account/UndoAddressChange";

    private async Task WriteAsync(Member user, string email, AccountMailKind kind, string linkOrCode)
    {
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "ko" or "en" ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : null;
        await using var db = await contexts.CreateDbContextAsync();
        db.OutboxMessages.Add(IntegrationEvents.Account(new AccountMail(user.Id, email, kind, secrets.ProtectLink(linkOrCode), culture), time.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Identity's API endpoints hand over links already HTML-encoded (&amp;amp; between parameters), ready
    /// for markup; the mail encodes everything itself, so the link is stored as the plain address. The links
    /// are built from the request's Host header, which a stranger chooses: only their path and query are
    /// kept, on the site's own public address (Mail:PublicBaseUrl).
    /// </summary>
    private string Link(string link)
    {
        var plain = WebUtility.HtmlDecode(link);
        return Uri.TryCreate(plain, UriKind.Absolute, out var absolute) ? site.Value.Link(absolute.PathAndQuery).AbsoluteUri : plain;
    }
}
