using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>Hands a finished mail on: to an SMTP server, or into the pickup directory. Throws when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
