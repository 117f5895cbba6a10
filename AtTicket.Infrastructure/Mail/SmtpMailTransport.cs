using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>Sends over SMTP with MailKit, one connection per mail: mails are few and a kept connection would go stale between them.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = _smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(_smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), _smtp.Port, SocketOptions(_smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(_smtp.UserName))
        {
            await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
