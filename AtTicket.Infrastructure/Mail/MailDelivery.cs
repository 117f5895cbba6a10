namespace AtTicket.Infrastructure.Mail;

public enum MailDeliveryStatus
{
    /// <summary>Being sent, or waiting for a worker to take it again (see <see cref="MailDelivery.ClaimedUntil"/>).</summary>
    Pending,
    Sent,

    /// <summary>Parked after too many failed sends; an admin may retry it.</summary>
    Failed,
}

/// <summary>
/// One mail that one bus message caused for one recipient. The pair (message id, recipient) is
/// unique: a redelivered message finds its row and sends nothing twice. A parked mail keeps its
/// MIME text so that a retry sends exactly what failed.
/// </summary>
public class MailDelivery
{
    public const int RecipientMaxLength = 256;
    public const int SubjectMaxLength = 300;

    private MailDelivery()
    {
        MessageType = string.Empty;
        Recipient = string.Empty;
        Subject = string.Empty;
    }

    /// <param name="claimedUntil">Set when the worker that makes the row sends it right away: it holds the row from the start.</param>
    public MailDelivery(Guid messageId, string messageType, string recipient, string subject, DateTimeOffset now, DateTimeOffset? claimedUntil = null)
        : this()
    {
        Id = Guid.CreateVersion7(now);
        MessageId = messageId;
        MessageType = messageType;
        Recipient = Normalize(recipient);
        Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject;
        CreatedAt = now;
        ClaimedUntil = claimedUntil;
    }

    public Guid Id { get; private set; }
    public Guid MessageId { get; private set; }
    public string MessageType { get; private set; }
    public string Recipient { get; private set; }
    public string Subject { get; private set; }
    public MailDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>The last send error, at most <see cref="OutboxMessage.LastErrorMaxLength"/> characters.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>A worker sending this mail holds it until then; after that (a worker that died) another may take it.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>The whole mail as MIME, kept only while it is parked as failed.</summary>
    public byte[]? Content { get; private set; }

    /// <summary>Addresses compare without case: a mail to Minji@… and one to minji@… are the same delivery.</summary>
    public static string Normalize(string recipient)
    {
        var trimmed = recipient.Trim().ToLowerInvariant();
        return trimmed.Length > RecipientMaxLength ? trimmed[..RecipientMaxLength] : trimmed;
    }
}
