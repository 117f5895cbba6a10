using System.Globalization;
using AtTicket.Domain.Bookings;
using AtTicket.Web.Components.Bookings;
using AtTicket.Web.Localization;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>My bookings: the member's own bookings, newest first, upcoming ones apart from past and cancelled ones.</summary>
public sealed class MyBookingsTests(DemoDatabaseTemplate template)
    : BookingPagesContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Lists_the_members_bookings_newest_first_with_what_when_where_and_how_much()
    {
        using var culture = new CultureScope("en");
        var first = await BookAsync((await RowAsync("Floor A", "M")).Take(2).ToList());
        Clock.Advance(TimeSpan.FromMinutes(10));
        var (performanceId, title, seats) = await OtherPerformanceAsync();
        var second = await BookAsync([seats[0]], performanceId);
        var other = await NewCustomerAsync($"other-{Guid.NewGuid():N}@example.com");
        var theirs = await BookAsync([(await RowAsync("Floor B", "M"))[0]], memberId: other);

        var page = RenderList();

        var items = page.FindAll("[data-testid=upcoming] [data-testid=booking-item]");
        Assert.Equal([second.Number, first.Number], items.Select(i => i.QuerySelector("[data-testid=booking-item-number]")!.TextContent.Trim()));
        Assert.Equal($"/bookings/{second.Id}", items[0].GetAttribute("href"));
        Assert.Contains(title, items[0].TextContent);
        Assert.Contains("1 seat", items[0].TextContent);
        Assert.Contains("2 seats", items[1].TextContent);
        Assert.Contains(Formats.Krw(first.TotalAmount, English), items[1].TextContent);
        Assert.Contains("Confirmed", items[1].TextContent);
        Assert.DoesNotContain(theirs.Number, page.Markup);
        Assert.Empty(page.FindAll("[data-testid=past]"));
    }

    [Fact]
    public async Task A_Korean_reader_sees_the_show_venue_and_hall_in_Korean()
    {
        using var culture = new CultureScope("ko");
        await BookAsync([(await RowAsync("Floor A", "N"))[0]]);

        var item = RenderList().Find("[data-testid=upcoming] [data-testid=booking-item]");

        Assert.Equal("오로라 라이츠 서울 라이브", item.QuerySelector(".title")!.TextContent.Trim());
        Assert.Contains("한빛 콘서트홀 · 대공연장", item.TextContent);
        Assert.DoesNotContain("Aurora Lights", item.TextContent);
    }

    [Fact]
    public async Task A_cancelled_booking_moves_to_past_and_cancelled()
    {
        using var culture = new CultureScope("en");
        var kept = await BookAsync([(await RowAsync("Floor C", "M"))[0]]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var cancelled = await BookAsync([(await RowAsync("Floor C", "M"))[1]]);
        await Services.GetRequiredService<BookingCancellation>().CancelAsync(cancelled.Id, MemberId, asAdmin: false, Cancellation);

        var page = RenderList();

        var upcoming = Assert.Single(page.FindAll("[data-testid=upcoming] [data-testid=booking-item]"));
        Assert.Contains(kept.Number, upcoming.TextContent);
        var past = Assert.Single(page.FindAll("[data-testid=past] [data-testid=booking-item]"));
        Assert.Contains(cancelled.Number, past.TextContent);
        Assert.Contains("Cancelled", past.TextContent);
    }

    [Fact]
    public void Without_bookings_the_page_invites_to_browse()
    {
        using var culture = new CultureScope("en");

        var page = RenderList();

        var empty = page.Find("[data-testid=no-bookings]");
        Assert.Contains("No bookings yet", empty.TextContent);
        Assert.Equal("/products", empty.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=booking-item]"));
    }

    private IRenderedComponent<MyBookings> RenderList()
    {
        var page = Render<MyBookings>();
        page.WaitForElement("[data-testid=booking-item], [data-testid=no-bookings]", LoadLimit);
        return page;
    }
}
