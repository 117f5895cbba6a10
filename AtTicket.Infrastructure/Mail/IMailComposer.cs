using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// Turns one bus message of <see cref="MessageType"/> into the mails it causes (none, one, or one per
/// subscriber). The mail worker sends each mail once: it keys deliveries by the bus message id and the
/// recipient address, so a redelivered message sends nothing a second time.
/// </summary>
public interface IMailComposer
{
    string MessageType { get; }

    IAsyncEnumerable<MimeMessage> ComposeAsync(BusMessage message, CancellationToken cancellationToken);
}
