using System.Globalization;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Localization;

namespace AtTicket.Infrastructure.Mail;

/// <summary>What both booking mails say about the booking, worded and formatted as the booking page shows it.</summary>
internal static class BookingMailFacts
{
    public static (string Label, string Value)[] Of(BookingView booking, CultureInfo culture, (string Label, string Value) amount) =>
    [
        (MailText.Get("Booking number", culture), booking.Number),
        (MailText.Get("Show", culture), booking.TitleFor(culture)),
        (MailText.Get("Date", culture), Formats.DateTime(booking.StartsAt, culture)),
        (MailText.Get("Venue", culture), booking.PlaceFor(culture)),
        (MailText.Get("Seats", culture), string.Join(", ", booking.Tickets.Select(t => $"{SeatLabel(t, culture)} ({t.GradeName})"))),
        amount,
    ];

    public static string SeatLabel(BookingTicketView ticket, CultureInfo culture) =>
        MailText.Format("{0} row {1} seat {2}", culture, ticket.SectionFor(culture), ticket.Row, ticket.Number);
}
