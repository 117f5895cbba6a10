using System.Runtime.CompilerServices;
using System.Text;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Localization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// The booker's confirmation: the booking, every ticket with its QR code as an inline image (the
/// same code the ticket page shows), and an <c>.ics</c> file that puts the performance in a calendar.
/// </summary>
public sealed class BookingConfirmedMailComposer(BookingReader bookings, MailRecipients recipients, IDbContextFactory<AtTicketDbContext> contexts) : IMailComposer
{
    public string MessageType => IntegrationEvents.BookingConfirmedType;

    public async IAsyncEnumerable<MimeMessage> ComposeAsync(BusMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var confirmed = IntegrationEvents.Read<BookingConfirmed>(message.Payload);
        if (await BookingMail.FindAsync(bookings, recipients, confirmed.BookingId, confirmed.MemberId, cancellationToken) is not { } mail)
        {
            yield break; // the member or the booking was deleted since: nobody to tell
        }

        var (booking, culture) = (mail.Booking, mail.Culture);
        var subject = MailText.Format("Your booking {0} is confirmed", culture, booking.Number);
        var body = mail.Body(
                subject,
                MailText.Get("Thank you for your booking. Show a ticket's QR code at the door.", culture),
                (MailText.Get("Total", culture), Formats.Krw(booking.Total, culture)))
            .Heading(MailText.Get("Tickets", culture));
        foreach (var ticket in booking.Tickets)
        {
            body.Ticket(
                mail.SeatLabel(ticket),
                $"{ticket.GradeName} · {Formats.Krw(ticket.Price, culture)}",
                ticket.Code,
                TicketQr.Png(ticket.Code),
                MailText.Format("QR code for ticket {0}", culture, ticket.Code),
                MailText.Get("Ticket code", culture));
        }

        body.Paragraph(MailText.Get("The attached calendar file puts the performance in your calendar.", culture));
        var calendar = await CalendarFileAsync(booking, culture, cancellationToken);
        yield return mail.Message(subject, body.ToMime(calendar));
    }

    private async Task<MimePart> CalendarFileAsync(BookingView booking, CultureInfo culture, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var place = await db.Performances.AsNoTracking()
            .Where(p => p.Id == booking.PerformanceId)
            .Select(p => new { p.Product!.RunningMinutes, p.Hall!.Venue!.Address, p.Hall.Venue.AddressKo })
            .SingleAsync(cancellationToken);

        var start = booking.StartsAt.UtcDateTime;
        var performance = new CalendarEvent
        {
            Uid = $"{booking.Id}@atticket",
            Summary = booking.TitleFor(culture),
            Location = string.Join(", ", new[] { booking.PlaceFor(culture), ShowText.For(culture, place.Address, place.AddressKo) }.Where(s => !string.IsNullOrWhiteSpace(s))),
            Description = booking.Number,
            DtStart = new CalDateTime(start),
        };
        if (place.RunningMinutes > 0)
        {
            performance.DtEnd = new CalDateTime(start.AddMinutes(place.RunningMinutes));
        }

        var calendar = new Ical.Net.Calendar { Method = "PUBLISH" };
        calendar.Events.Add(performance);
        var text = new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
        return new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(text))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = $"{booking.Number}.ics",
        };
    }
}
