using System.Globalization;
using AtTicket.Domain.Performances;
using AtTicket.Web.Localization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>Choosing seats on the map by click or keyboard: the running total and the per-booking limit.</summary>
public sealed class SeatSelectionTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Enter_or_Space_on_a_focusable_seat_toggles_it_and_the_total_follows()
    {
        using var culture = new CultureScope("en");
        var row = await RowAsync("Floor B", "A"); // VIP
        var balcony = (await RowAsync("Balcony C", "A"))[0]; // A
        var page = RenderPage();
        Assert.Equal("-1", Seat(page, row[4].SeatId).GetAttribute("tabindex")); // reached with the arrow keys, not a Tab stop of its own

        await Seat(page, row[4].SeatId).KeyDownAsync(new KeyboardEventArgs { Key = "Enter", Code = "Enter" });

        Assert.Contains("selected", ClassesOf(page, row[4].SeatId));
        Assert.EndsWith(", selected by you", Seat(page, row[4].SeatId).GetAttribute("aria-label"));
        Assert.Equal(Formats.Krw(row[4].Price, English), page.Find("[data-testid=selection-total]").TextContent.Trim());
        Assert.Contains($"Floor B A-{row[4].Number}", page.Find("[data-testid=selected-seats]").TextContent);

        await Seat(page, balcony.SeatId).KeyDownAsync(new KeyboardEventArgs { Key = " ", Code = "Space" });

        Assert.Contains("selected", ClassesOf(page, balcony.SeatId));
        Assert.Equal(Formats.Krw(row[4].Price + balcony.Price, English), page.Find("[data-testid=selection-total]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("[data-testid=selected-seats] li").Count);

        await Seat(page, row[4].SeatId).KeyDownAsync(new KeyboardEventArgs { Key = "Enter", Code = "Enter" });

        Assert.DoesNotContain("selected", ClassesOf(page, row[4].SeatId));
        Assert.Equal(Formats.Krw(balcony.Price, English), page.Find("[data-testid=selection-total]").TextContent.Trim());
    }

    [Fact]
    public async Task Other_keys_leave_the_seat_alone()
    {
        using var culture = new CultureScope("en");
        var seat = (await RowAsync("Floor A", "C"))[2];
        var page = RenderPage();

        await Seat(page, seat.SeatId).KeyDownAsync(new KeyboardEventArgs { Key = "a", Code = "KeyA" });
        await Seat(page, seat.SeatId).KeyDownAsync(new KeyboardEventArgs { Key = "Tab", Code = "Tab" });

        Assert.DoesNotContain("selected", ClassesOf(page, seat.SeatId));
        Assert.Empty(page.FindAll("[data-testid=selection-total]"));
    }

    [Fact]
    public async Task A_click_selects_and_a_second_click_deselects()
    {
        using var culture = new CultureScope("en");
        var seat = (await RowAsync("Floor C", "B"))[3];
        var page = RenderPage();

        await Seat(page, seat.SeatId).ClickAsync(new MouseEventArgs());
        Assert.Contains("selected", ClassesOf(page, seat.SeatId));
        Assert.False(Button(page, "Hold these seats").HasAttribute("disabled"));

        await Seat(page, seat.SeatId).ClickAsync(new MouseEventArgs());

        Assert.DoesNotContain("selected", ClassesOf(page, seat.SeatId));
        Assert.Empty(page.FindAll("[data-testid=selected-seats]"));
        Assert.True(Button(page, "Hold these seats").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_anonymous_visitor_may_choose_seats_but_is_sent_to_log_in_with_them_to_hold_them()
    {
        using var culture = new CultureScope("en");
        Authorization.SetNotAuthorized();
        var seat = (await RowAsync("Floor C", "D"))[0];
        var page = RenderPage();
        await Seat(page, seat.SeatId).ClickAsync(new MouseEventArgs());
        Assert.Contains("selected", ClassesOf(page, seat.SeatId));

        await Button(page, "Hold these seats").ClickAsync(new MouseEventArgs());

        var navigation = Services.GetRequiredService<NavigationManager>();
        // The seats go along in the return URL, so the map holds them when the member comes back.
        Assert.Equal($"Account/Login?returnUrl=%2Fperformances%2F1%3Fhold%3D{seat.SeatId}", navigation.ToBaseRelativePath(navigation.Uri));
        Assert.Equal((SeatStatus.Available, (Guid?)null), await SeatStateAsync(seat.SeatId));
    }

    [Fact]
    public async Task Choosing_one_seat_more_than_MaxSeatsPerBooking_shows_the_limit_and_keeps_four()
    {
        using var culture = new CultureScope("en");
        var row = await RowAsync("Floor B", "J"); // R
        var page = RenderPage();
        foreach (var seat in row.Take(4))
        {
            await Seat(page, seat.SeatId).ClickAsync(new MouseEventArgs());
        }

        Assert.Null(Notice(page));
        await Seat(page, row[4].SeatId).KeyDownAsync(new KeyboardEventArgs { Key = "Enter", Code = "Enter" });

        Assert.Equal("You can book at most 4 seats at a time.", Notice(page));
        Assert.DoesNotContain("selected", ClassesOf(page, row[4].SeatId));
        Assert.All(row.Take(4), s => Assert.Contains("selected", ClassesOf(page, s.SeatId)));
        Assert.Equal(4, page.FindAll("[data-testid=selected-seats] li").Count);
        Assert.Equal(Formats.Krw(row.Take(4).Sum(s => s.Price), English), page.Find("[data-testid=selection-total]").TextContent.Trim());

        // Letting one go makes room again, and the message goes with the next choice.
        await Seat(page, row[0].SeatId).ClickAsync(new MouseEventArgs());
        await Seat(page, row[4].SeatId).ClickAsync(new MouseEventArgs());

        Assert.Null(Notice(page));
        Assert.Contains("selected", ClassesOf(page, row[4].SeatId));
    }
}
