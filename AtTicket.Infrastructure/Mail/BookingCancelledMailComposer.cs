using System.Runtime.CompilerServices;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Localization;
using AtTicket.Infrastructure.Messaging;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>The booker learns that the booking is cancelled, for which show, and how much comes back.</summary>
public sealed class BookingCancelledMailComposer(BookingReader bookings, MailRecipients recipients) : IMailComposer
{
    public string MessageType => IntegrationEvents.BookingCancelledType;

    public async IAsyncEnumerable<MimeMessage> ComposeAsync(BusMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cancelled = IntegrationEvents.Read<BookingCancelled>(message.Payload);
        var booking = await bookings.FindAsync(cancelled.BookingId, cancelled.MemberId, asAdmin: true, cancellationToken);
        var recipient = await recipients.FindAsync(cancelled.MemberId, cancellationToken);
        if (booking is null || recipient is null)
        {
            yield break;
        }

        var culture = recipient.Culture;
        var subject = MailText.Format("Your booking {0} is cancelled", culture, cancelled.Number);
        var body = new MailBody(culture.TwoLetterISOLanguageName)
            .Heading(subject)
            .Paragraph(MailText.Format("Hello {0},", culture, recipient.Name))
            .Paragraph(MailText.Get("Your booking has been cancelled and its tickets are no longer valid. The refund goes back to the card you paid with.", culture))
            .Facts(BookingMailFacts.Of(booking, culture, (MailText.Get("Refund", culture), Formats.Krw(cancelled.RefundAmount, culture))));
        var mail = new MimeMessage { Subject = subject };
        mail.To.Add(new MailboxAddress(recipient.Name, recipient.Email));
        mail.Body = body.ToMime();
        yield return mail;
    }
}
