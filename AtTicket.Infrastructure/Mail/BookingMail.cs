using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Localization;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// What both booking mails start from: the booking as the booking page shows it and the member who made it, in
/// the member's language.
/// </summary>
internal sealed record BookingMail(BookingView Booking, MailRecipient Recipient)
{
    public CultureInfo Culture => Recipient.Culture;

    /// <summary>Null when the booking or its member was deleted since: nobody to tell.</summary>
    public static async Task<BookingMail?> FindAsync(
        BookingReader bookings, MailRecipients recipients, Guid bookingId, string memberId, CancellationToken cancellationToken)
    {
        var booking = await bookings.FindAsync(bookingId, memberId, asAdmin: true, cancellationToken);
        var recipient = await recipients.FindAsync(memberId, cancellationToken);
        return booking is null || recipient is null ? null : new BookingMail(booking, recipient);
    }

    /// <summary>The heading, the greeting, <paramref name="opening"/>, and the booking's facts ending with <paramref name="amount"/>.</summary>
    public MailBody Body(string heading, string opening, (string Label, string Value) amount) =>
        new MailBody(Culture.TwoLetterISOLanguageName)
            .Heading(heading)
            .Paragraph(MailText.Format("Hello {0},", Culture, Recipient.Name))
            .Paragraph(opening)
            .Facts(Facts(amount));

    public MimeMessage Message(string subject, MimeEntity body)
    {
        var mail = new MimeMessage { Subject = subject, Body = body };
        mail.To.Add(new MailboxAddress(Recipient.Name, Recipient.Email));
        return mail;
    }

    public string SeatLabel(BookingTicketView ticket) =>
        MailText.Format("{0} row {1} seat {2}", Culture, ticket.SectionFor(Culture), ticket.Row, ticket.Number);

    private (string Label, string Value)[] Facts((string Label, string Value) amount) =>
    [
        (MailText.Get("Booking number", Culture), Booking.Number),
        (MailText.Get("Show", Culture), Booking.TitleFor(Culture)),
        (MailText.Get("Date", Culture), Formats.DateTime(Booking.StartsAt, Culture)),
        (MailText.Get("Venue", Culture), Booking.PlaceFor(Culture)),
        (MailText.Get("Seats", Culture), string.Join(", ", Booking.Tickets.Select(t => $"{SeatLabel(t)} ({t.GradeName})"))),
        amount,
    ];
}
