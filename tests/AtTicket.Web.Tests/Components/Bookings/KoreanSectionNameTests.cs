using AtTicket.Domain.Bookings;
using AtTicket.Web.Components.Holds;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>
/// Where a buyer reads back their seats after choosing them (the booking page with its tickets, the site-wide hold
/// banner), the section is named in the reader's language: the demo's Floor A is 플로어 A on a Korean page.
/// </summary>
public sealed class KoreanSectionNameTests(DemoDatabaseTemplate template)
    : BookingPagesContext(template), IClassFixture<DemoDatabaseTemplate>
{
    [Theory]
    [InlineData("en", "Floor A J-1", "Floor A row J seat 1")]
    [InlineData("ko", "플로어 A J-1", "플로어 A J열 1번")]
    public async Task The_booking_page_and_its_tickets_name_the_section_in_the_readers_language(string language, string bookedSeat, string ticketSeat)
    {
        using var culture = new CultureScope(language);
        var booking = await BookAsync([(await RowAsync("Floor A", "J"))[0]]);

        var page = RenderBookingPage(booking.Id);

        Assert.Equal(bookedSeat, page.Find("[data-testid=booked-seats] .booked-seat").TextContent.Trim());
        Assert.Equal(ticketSeat, page.Find("[data-testid=ticket] .seat").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "Floor A", "플로어")]
    [InlineData("ko", "플로어 A", "Floor")]
    public async Task The_hold_banner_names_the_held_seats_section_in_the_readers_language(string language, string section, string otherLanguagesName)
    {
        using var culture = new CultureScope(language);
        var held = (await RowAsync("Floor A", "J")).Take(2).Select(s => s.SeatId).ToList();
        var hold = await Services.GetRequiredService<HoldService>().HoldSeatsAsync(MemberId, ConcertHallPerformance, held, Cancellation);
        Assert.Equal(HoldOutcome.Held, hold.Outcome);

        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // as in the app, where the banner counts down
        var banner = Render<HoldBanner>();

        var text = banner.WaitForElement("[data-testid=hold-banner]", LoadLimit).TextContent;
        Assert.Contains($"{section} J-1", text);
        Assert.Contains($"{section} J-2", text);
        Assert.DoesNotContain(otherLanguagesName, text);
    }
}
