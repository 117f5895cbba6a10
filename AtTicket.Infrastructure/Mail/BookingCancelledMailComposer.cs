using System.Runtime.CompilerServices;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Localization;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>The booker learns that the booking is cancelled, for which show, and how much comes back.</summary>
public sealed class BookingCancelledMailComposer(BookingReader bookings, MailRecipients recipients) : IMailComposer
{
    public string MessageType => IntegrationEvents.BookingCancelledType;

    public async IAsyncEnumerable<MimeMessage> ComposeAsync(BusMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cancelled = IntegrationEvents.Read<BookingCancelled>(message.Payload);
        if (await BookingMail.FindAsync(bookings, recipients, cancelled.BookingId, cancelled.MemberId, cancellationToken) is not { } mail)
        {
            yield break;
        }

        var culture = mail.Culture;
        var subject = MailText.Format("Your booking {0} is cancelled", culture, cancelled.Number);
        var body = mail.Body(
            subject,
            MailText.Get("Your booking has been cancelled and its tickets are no longer valid. The refund goes back to the card you paid with.", culture),
            (MailText.Get("Refund", culture), Formats.Krw(cancelled.RefundAmount, culture)));
        yield return mail.Message(subject, body.ToMime());
    }
}
