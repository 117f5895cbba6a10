using System.Globalization;
using AtTicket.Infrastructure.Localization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>The bar a phone keeps at the bottom of the seat map: the seats picked, the total, Hold, then the countdown and Pay.</summary>
public sealed class BookingBarTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task The_bar_follows_the_picked_seats_and_its_Hold_button_holds_them()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Balcony R", "D")).Take(2).ToList();
        var page = RenderPage();
        Assert.Equal("0 seats", Bar(page).QuerySelector(".count")!.TextContent);
        Assert.True(BarButton(page).HasAttribute("disabled"));

        await Seat(page, seats[0].SeatId).ClickAsync(new MouseEventArgs());
        Assert.Equal("1 seat", Bar(page).QuerySelector(".count")!.TextContent);
        await Seat(page, seats[1].SeatId).ClickAsync(new MouseEventArgs());

        Assert.Equal("2 seats", Bar(page).QuerySelector(".count")!.TextContent);
        Assert.Equal(Formats.Krw(seats.Sum(s => s.Price), English), Bar(page).QuerySelector("[data-testid=bar-total]")!.TextContent);

        await BarButton(page).ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=hold-panel]")), LoadLimit);
        Assert.Equal("5:00", Bar(page).QuerySelector("[data-testid=bar-countdown]")!.TextContent);
        Assert.Equal("Pay", BarButton(page).TextContent.Trim());
        Assert.Equal(Formats.Krw(seats.Sum(s => s.Price), English), Bar(page).QuerySelector("[data-testid=bar-total]")!.TextContent);

        Clock.Advance(TimeSpan.FromSeconds(75));
        page.WaitForAssertion(() => Assert.Equal("3:45", Bar(page).QuerySelector("[data-testid=bar-countdown]")!.TextContent), LoadLimit);
    }

    private static AngleSharp.Dom.IElement Bar(IRenderedComponent<AtTicket.Web.Components.Performances.PerformancePage> page) =>
        page.Find("[data-testid=booking-bar]");

    private static AngleSharp.Dom.IElement BarButton(IRenderedComponent<AtTicket.Web.Components.Performances.PerformancePage> page) =>
        Bar(page).QuerySelector("button")!;
}
