using System.Globalization;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Web.Components.Bookings;
using AtTicket.Web.Localization;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>The booking page: confirmation, tickets with their QR codes, who may see it, and cancelling before the show.</summary>
public sealed class BookingPageTests(DemoDatabaseTemplate template)
    : BookingPagesContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Right_after_checkout_the_page_confirms_and_shows_a_QR_ticket_per_seat()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Floor A", "J")).Take(2).ToList();
        var booking = await BookAsync(seats);

        var page = RenderBookingPage(booking.Id, isNew: true);

        Assert.Equal("Your booking is confirmed.", page.Find("[data-testid=confirmed-banner]").TextContent.Trim());
        Assert.Equal(booking.Number, page.Find("[data-testid=booking-number]").TextContent.Trim());
        Assert.Equal("Confirmed", page.Find("[data-testid=booking-status]").TextContent.Trim());
        var title = page.Find("h1 a");
        Assert.Equal("/products/1", title.GetAttribute("href"));
        Assert.Equal(Formats.Krw(seats.Sum(s => s.Price), English), page.Find(".facts strong").TextContent.Trim());
        var tickets = page.FindAll("[data-testid=ticket]");
        Assert.Equal(2, tickets.Count);
        foreach (var (ticket, seat) in tickets.Zip(seats.OrderBy(s => s.Number)))
        {
            var code = ticket.QuerySelector("[data-testid=ticket-code]")!.TextContent.Trim();
            Assert.Equal(16, code.Length);
            var qr = ticket.QuerySelector("img.qr")!;
            Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"));
            Assert.Equal($"QR code for ticket {code}", qr.GetAttribute("alt"));
            Assert.Contains($"Floor A row J seat {seat.Number}", ticket.TextContent);
            Assert.Contains(seat.GradeName, ticket.TextContent);

            // Printed and cut apart, each ticket still says which show, when and where.
            Assert.Equal("Aurora Lights: Live in Seoul", ticket.QuerySelector("[data-testid=ticket-show]")!.TextContent.Trim());
            Assert.Equal($"{page.FindAll(".facts dd")[0].TextContent.Trim()} · Hanbit Concert Hall · Main Hall", ticket.QuerySelector("[data-testid=ticket-when]")!.TextContent.Trim());
        }

        Assert.Single(page.FindAll("[data-testid=cancel-booking]"));
        Assert.Single(page.FindAll("[data-testid=print-tickets]"));
    }

    [Fact]
    public async Task On_a_Korean_page_the_booking_and_each_printed_ticket_name_the_show_venue_and_hall_in_Korean()
    {
        using var culture = new CultureScope("ko");
        var booking = await BookAsync([(await RowAsync("Floor A", "L"))[0]]);

        var page = RenderBookingPage(booking.Id);

        Assert.Equal("오로라 라이츠 서울 라이브", page.Find("h1 a").TextContent.Trim());
        Assert.Equal("한빛 콘서트홀 · 대공연장", page.FindAll(".facts dd")[1].TextContent.Trim());
        var ticket = page.Find("[data-testid=ticket]");
        Assert.Equal("오로라 라이츠 서울 라이브", ticket.QuerySelector("[data-testid=ticket-show]")!.TextContent.Trim());
        Assert.EndsWith("한빛 콘서트홀 · 대공연장", ticket.QuerySelector("[data-testid=ticket-when]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Opened_later_the_page_has_no_confirmation_banner()
    {
        using var culture = new CultureScope("en");
        var booking = await BookAsync([(await RowAsync("Floor A", "K"))[0]]);

        var page = RenderBookingPage(booking.Id);

        Assert.Empty(page.FindAll("[data-testid=confirmed-banner]"));
        Assert.Single(page.FindAll("[data-testid=ticket]"));
    }

    [Fact]
    public async Task Another_members_booking_reads_as_not_found_like_a_missing_one()
    {
        using var culture = new CultureScope("en");
        var other = await NewCustomerAsync($"other-{Guid.NewGuid():N}@example.com");
        var theirs = await BookAsync([(await RowAsync("Floor B", "K"))[0]], memberId: other);

        var page = RenderBookingPage(theirs.Id, isNew: true);
        var missing = RenderBookingPage(Guid.NewGuid());

        Assert.Equal("Booking not found", page.Find("[data-testid=booking-not-found] h1").TextContent.Trim());
        Assert.DoesNotContain(theirs.Number, page.Markup);
        Assert.Empty(page.FindAll("[data-testid=ticket]"));
        Assert.Equal(Normalized(page.Find("[data-testid=booking-not-found]").TextContent), Normalized(missing.Find("[data-testid=booking-not-found]").TextContent));
    }

    [Fact]
    public async Task Cancelling_after_confirming_in_the_dialog_voids_the_tickets_frees_the_seats_and_refunds()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Floor C", "J")).Take(2).ToList();
        var booking = await BookAsync(seats);
        var total = Formats.Krw(booking.TotalAmount, English);
        var page = RenderBookingPage(booking.Id);

        var cancelling = page.Find("[data-testid=cancel-booking]").ClickAsync(new MouseEventArgs()); // waits for the dialog's answer

        Dialogs.WaitForAssertion(() => Assert.Contains(
            $"Cancel booking {booking.Number}? Your 2 seats will be released and {total} refunded to your card.",
            Dialogs.Find(".mud-dialog").TextContent), LoadLimit);
        await DialogButton("Cancel booking").ClickAsync(new MouseEventArgs());
        await cancelling.WaitAsync(LoadLimit, Cancellation);

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=booking-status]").TextContent.Trim()), LoadLimit);
        Assert.Empty(page.FindAll("[data-testid=cancel-booking]"));
        Assert.All(page.FindAll("[data-testid=ticket]"), t => Assert.Contains("void", t.ClassList));
        Assert.StartsWith($"Refunded {total} on ", page.Find("[data-testid=refund]").TextContent.Trim());
        Snackbars.WaitForAssertion(() => Assert.Contains(BookingCancellation.Cancelled.Message, Snackbars.Markup), LoadLimit);
        Assert.Empty(Dialogs.FindAll(".mud-dialog"));
        Assert.Equal(BookingStatus.Cancelled, (await BookingAsync(booking.Id)).Status);
        foreach (var seat in seats)
        {
            Assert.Equal(SeatStatus.Available, (await SeatStateAsync(seat.SeatId)).Status);
        }

        Assert.True(Gateway.Ledger.IsRefunded(Assert.Single(Gateway.Ledger.Charges).Reference));
    }

    [Fact]
    public async Task Keeping_the_booking_in_the_dialog_changes_nothing()
    {
        using var culture = new CultureScope("en");
        var seat = (await RowAsync("Floor A", "L"))[0];
        var booking = await BookAsync([seat]);
        var page = RenderBookingPage(booking.Id);

        var asking = page.Find("[data-testid=cancel-booking]").ClickAsync(new MouseEventArgs());
        Dialogs.WaitForAssertion(() => Assert.Contains("Your seat will be released", Dialogs.Find(".mud-dialog").TextContent), LoadLimit);
        await DialogButton("Keep booking").ClickAsync(new MouseEventArgs());
        await asking.WaitAsync(LoadLimit, Cancellation);

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")), LoadLimit);
        Assert.Equal("Confirmed", page.Find("[data-testid=booking-status]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=cancel-booking]"));
        Assert.Equal(BookingStatus.Confirmed, (await BookingAsync(booking.Id)).Status);
        Assert.Equal(SeatStatus.Sold, (await SeatStateAsync(seat.SeatId)).Status);
        Assert.Empty(Gateway.Ledger.Refunds);
    }

    [Fact]
    public async Task Once_the_performance_has_started_there_is_no_cancel_button()
    {
        using var culture = new CultureScope("en");
        var booking = await BookAsync([(await RowAsync("Floor B", "L"))[0]]);
        await using (var db = await ContextAsync())
        {
            var startsAt = await db.Performances.Where(p => p.Id == ConcertHallPerformance).Select(p => p.StartsAt).SingleAsync(Cancellation);
            Clock.SetUtcNow(startsAt.AddMinutes(1));
        }

        var page = RenderBookingPage(booking.Id);

        Assert.Equal("Confirmed", page.Find("[data-testid=booking-status]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=cancel-booking]"));
    }

    [Fact]
    public async Task A_cancelled_booking_whose_refund_is_still_owed_says_refund_pending()
    {
        using var culture = new CultureScope("en");
        var booking = await BookAsync([(await RowAsync("Floor C", "L"))[0]]);
        await Services.GetRequiredService<BookingCancellation>().CancelAsync(booking.Id, MemberId, asAdmin: false, Cancellation);
        await using (var db = await ContextAsync())
        {
            await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(u => u.SetProperty(b => b.RefundedAt, (DateTimeOffset?)null), Cancellation);
        }

        var page = RenderBookingPage(booking.Id);

        Assert.Equal("Refund pending", page.Find("[data-testid=refund]").TextContent.Trim());
        Assert.StartsWith("This booking was cancelled on ", page.Find("[data-testid=void-notice]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=print-tickets]")); // its tickets admit nobody
        Assert.DoesNotContain("Print tickets", page.Markup);
    }

    private AngleSharp.Dom.IElement DialogButton(string text) =>
        Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_booking_names_a_wheelchair_space_and_its_companion_seat()
    {
        using var culture = new CultureScope("en");
        var (film, seats) = await FilmAsync();
        var pair = seats.Where(s => s.Row == "J").OrderBy(s => s.Number).Take(2).ToList(); // J-1 a wheelchair space, J-2 its companion seat
        var booking = await BookAsync(pair, film);

        var page = RenderBookingPage(booking.Id);

        var booked = page.FindAll("[data-testid=booked-seats] .booked-seat").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal(["Cinema J-1 Wheelchair space", "Cinema J-2 Companion seat"], booked.Select(s => string.Join(' ', s.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))));
    }

    /// <summary>The demo film's first on-sale showing and its seats; its hall has a back row of wheelchair spaces and companion seats.</summary>
    private async Task<(int Id, IReadOnlyList<SeatRow> Seats)> FilmAsync()
    {
        int film;
        await using (var db = await ContextAsync())
        {
            film = await db.Performances
                .Where(p => p.Product!.Category == ProductCategory.Movie && p.Status == PerformanceStatus.OnSale)
                .Select(p => p.Id)
                .FirstAsync(Cancellation);
        }

        return (film, await SeatsAsync(film));
    }
}
