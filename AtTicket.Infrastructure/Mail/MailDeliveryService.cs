using System.Security.Cryptography;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

public enum DeliveryOutcome
{
    Sent,

    /// <summary>This message already made this mail (sent, or parked as failed): nothing was sent again.</summary>
    AlreadyHandled,

    /// <summary>Every attempt failed; the mail waits as failed for an admin's retry.</summary>
    Parked,
}

public enum RetryOutcome
{
    Sent,
    FailedAgain,

    /// <summary>The delivery is not parked as failed (sent meanwhile, retried by someone else, or unknown).</summary>
    NotFailed,
}

/// <summary>A worker holds a delivery that another one was asked to send: the bus hands the message over again later.</summary>
public sealed class MailDeliveryBusyException(Guid deliveryId)
    : Exception($"Mail delivery {deliveryId} is being sent by another worker.");

/// <summary>
/// Sends one composed mail once. The delivery row (message id, recipient) is made, already claimed by
/// this worker, before the first try, so a redelivered message finds it and sends nothing again. A failed send is tried again after a
/// pause that doubles; after <see cref="MailOptions.MaxAttempts"/> failures the mail is parked as failed
/// with its MIME text (encrypted: it may hold an account link or ticket codes), the handler returns, and
/// the bus moves on; <see cref="RetryAsync"/> sends it later.
/// </summary>
public sealed partial class MailDeliveryService(
    MailDeliveryStore store,
    IMailTransport transport,
    MailSecrets secrets,
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<MailDeliveryService> logger)
{
    private readonly MailOptions _options = options.Value;

    public async Task<DeliveryOutcome> DeliverAsync(BusMessage message, MimeMessage mail, CancellationToken cancellationToken)
    {
        var recipient = mail.To.Mailboxes.SingleOrDefault()?.Address
            ?? throw new InvalidOperationException($"A mail composed for message {message.Id} ({message.Type}) must have exactly one recipient.");
        AddSender(mail);
        var now = time.GetUtcNow();
        var delivery = await store.OpenClaimedAsync(message.Id, message.Type, recipient, mail.Subject ?? string.Empty, now, now + Lease, cancellationToken);
        if (delivery.Status != MailDeliveryStatus.Pending)
        {
            LogAlreadyHandled(message.Id, delivery.Id, delivery.Status);
            return DeliveryOutcome.AlreadyHandled;
        }

        if (!delivery.Claimed)
        {
            throw new MailDeliveryBusyException(delivery.Id);
        }

        var delay = TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds);
        while (true)
        {
            var error = await TrySendAsync(delivery.Id, mail, cancellationToken);
            if (error is null)
            {
                return DeliveryOutcome.Sent;
            }

            var attempts = await store.RecordFailureAsync(delivery.Id, error.Message, time.GetUtcNow() + Lease, CancellationToken.None);
            if (attempts >= _options.MaxAttempts)
            {
                await store.ParkAsync(delivery.Id, secrets.ProtectContent(Mime(mail)), CancellationToken.None);
                LogParked(error, delivery.Id, message.Id, attempts);
                return DeliveryOutcome.Parked;
            }

            LogWillRetry(error, delivery.Id, attempts, delay);
            await Task.Delay(delay, time, cancellationToken);
            var max = TimeSpan.FromSeconds(_options.MaxRetryDelaySeconds);
            delay = delay * 2 > max ? max : delay * 2;
        }
    }

    /// <summary>One more send of a mail parked as failed, as an admin asks for it. A failure parks it again.</summary>
    public async Task<RetryOutcome> RetryAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var content = await store.ReopenFailedAsync(deliveryId, time.GetUtcNow() + Lease, cancellationToken);
        if (content is null)
        {
            return RetryOutcome.NotFailed;
        }

        MimeMessage mail;
        try
        {
            mail = await MimeMessage.LoadAsync(new MemoryStream(secrets.UnprotectContent(content)), cancellationToken);
        }
        catch (CryptographicException exception)
        {
            // The key that sealed it is gone (a key ring that is not shared): park it again with the reason.
            await store.RecordFailureAsync(deliveryId, "The parked mail cannot be decrypted on this node: " + exception.Message, time.GetUtcNow(), CancellationToken.None);
            await store.ParkAsync(deliveryId, content, CancellationToken.None);
            return RetryOutcome.FailedAgain;
        }

        var error = await TrySendAsync(deliveryId, mail, cancellationToken);
        if (error is null)
        {
            return RetryOutcome.Sent;
        }

        await store.RecordFailureAsync(deliveryId, error.Message, time.GetUtcNow(), CancellationToken.None);
        await store.ParkAsync(deliveryId, content, CancellationToken.None);
        return RetryOutcome.FailedAgain;
    }

    /// <summary>How long a worker holds a delivery for one send: longer than a send can take, so a live worker never loses it.</summary>
    private TimeSpan Lease => TimeSpan.FromSeconds((_options.Smtp.TimeoutSeconds * 4) + _options.MaxRetryDelaySeconds);

    /// <returns>Null when the mail is sent (and recorded so), otherwise what went wrong.</returns>
    private async Task<Exception?> TrySendAsync(Guid deliveryId, MimeMessage mail, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(mail, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return exception;
        }

        await store.MarkSentAsync(deliveryId, time.GetUtcNow(), CancellationToken.None);
        return null;
    }

    private void AddSender(MimeMessage mail)
    {
        if (mail.From.Count == 0)
        {
            mail.From.Add(MailboxAddress.Parse(_options.From));
        }
    }

    private static byte[] Mime(MimeMessage mail)
    {
        using var buffer = new MemoryStream();
        mail.WriteTo(buffer);
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} came again; its mail (delivery {DeliveryId}) is already {Status} and is not sent twice.")]
    private partial void LogAlreadyHandled(Guid messageId, Guid deliveryId, MailDeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail delivery {DeliveryId} failed (attempt {Attempts}); it is tried again in {Delay}.")]
    private partial void LogWillRetry(Exception exception, Guid deliveryId, int attempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail delivery {DeliveryId} of message {MessageId} failed {Attempts} times; it is parked as failed until an admin retries it.")]
    private partial void LogParked(Exception exception, Guid deliveryId, Guid messageId, int attempts);
}
