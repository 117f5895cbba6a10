using System.Runtime.CompilerServices;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// The confirm-address and reset-password mails, with the link (or code) Identity made, and the notices to an
/// address about its account (someone tried to register it; the account moved to another address).
/// </summary>
public sealed partial class AccountMailComposer(MailRecipients recipients, MailSecrets secrets, ILogger<AccountMailComposer> logger) : IMailComposer
{
    public string MessageType => IntegrationEvents.AccountMailType;

    public async IAsyncEnumerable<MimeMessage> ComposeAsync(BusMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = IntegrationEvents.Read<AccountMail>(message.Payload);
        if (secrets.UnprotectLink(request.ProtectedLinkOrCode) is not { } linkOrCode)
        {
            // Trying again cannot help (the key is not there), and the member can ask for a new link.
            LogUnreadableLink(message.Id, request.Kind);
            yield break;
        }

        var member = await recipients.FindAsync(request.MemberId, cancellationToken);
        var culture = request.Culture is null && member is not null ? member.Culture : MailRecipients.CultureOf(request.Culture);

        var text = Texts(request, culture);
        var body = new MailBody(culture.TwoLetterISOLanguageName)
            .Heading(text.Subject);
        if (member is not null)
        {
            body.Paragraph(MailText.Format("Hello {0},", culture, member.Name));
        }

        body.Paragraph(text.Intro);
        _ = text.Action is null ? body.Code(linkOrCode) : body.Link(text.Action, linkOrCode);
        body.Paragraph(text.Closing)
            .Footer(MailText.Get("This mail was sent by AtTicket about your account.", culture));

        var mail = new MimeMessage { Subject = text.Subject };
        mail.To.Add(new MailboxAddress(member?.Name ?? string.Empty, request.Email));
        mail.Body = body.ToMime();
        yield return mail;
    }

    private static AccountMailText Texts(AccountMail request, CultureInfo culture)
    {
        const string NothingChanges = "If you did not ask for this, ignore this mail: nothing changes.";
        var (subject, intro, action, closing) = request.Kind switch
        {
            AccountMailKind.ConfirmAddress => ("Confirm your e-mail address", "Confirm the address of your AtTicket account with this link:", "Confirm address", NothingChanges),
            AccountMailKind.RegistrationAttempt => ("Someone tried to register your address", "Someone just tried to create an AtTicket account with this address, which already has one. If it was you, log in with this link (or ask for a new password there if you forgot it):", "Log in", NothingChanges),
            AccountMailKind.ResetPasswordLink => ("Reset your password", "Someone asked to reset the password of your AtTicket account. If it was you, choose a new one with this link:", "Choose a new password", NothingChanges),
            AccountMailKind.AddressChanged => ("The sign-in address of your account was changed", "The sign-in address of your AtTicket account was changed to {0}. If you did not do this, take your account back with this link within 7 days: it restores this address and signs out every device.", "Restore my address", "If you made this change yourself, there is nothing to do."),
            _ => ("Your password reset code", "Someone asked to reset the password of your AtTicket account. If it was you, enter this code:", null, NothingChanges),
        };
        return new(
            MailText.Get(subject, culture),
            MailText.Format(intro, culture, request.ChangedTo ?? string.Empty),
            action is null ? null : MailText.Get(action, culture),
            MailText.Get(closing, culture));
    }

    private sealed record AccountMailText(string Subject, string Intro, string? Action, string Closing);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account mail {MessageId} ({Kind}) is not sent: its link cannot be decrypted on this node (is the Data Protection key ring shared?).")]
    private partial void LogUnreadableLink(Guid messageId, AccountMailKind kind);
}
