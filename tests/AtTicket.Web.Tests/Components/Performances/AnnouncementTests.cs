using System.Globalization;
using AtTicket.Web.Components.Performances;
using AtTicket.Web.Localization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>
/// What the seat map's live regions tell a screen reader: the selection total as it changes, the time
/// left to pay at one minute and at ten seconds (not every second), and an expired hold.
/// </summary>
public sealed class AnnouncementTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Each_change_of_the_selection_announces_the_seat_count_and_total()
    {
        using var culture = new CultureScope("en");
        var row = await RowAsync("Floor B", "C");
        var page = RenderPage();
        var region = page.Find("[data-testid=selection-announcement]");
        Assert.Equal("polite", region.GetAttribute("aria-live"));
        Assert.Equal(string.Empty, Announced(page, "selection"));

        await Seat(page, row[0].SeatId).ClickAsync(new MouseEventArgs());
        Assert.Equal($"1 seat selected, total {Formats.Krw(row[0].Price, English)}.", Announced(page, "selection"));

        await Seat(page, row[1].SeatId).ClickAsync(new MouseEventArgs());
        Assert.Equal($"2 seats selected, total {Formats.Krw(row[0].Price + row[1].Price, English)}.", Announced(page, "selection"));

        await Seat(page, row[0].SeatId).ClickAsync(new MouseEventArgs());
        Assert.Equal($"1 seat selected, total {Formats.Krw(row[1].Price, English)}.", Announced(page, "selection"));

        await Button(page, "Clear selection").ClickAsync(new MouseEventArgs());
        Assert.Equal("No seats selected.", Announced(page, "selection"));
    }

    [Fact]
    public async Task The_selection_is_announced_in_Korean_on_the_Korean_page()
    {
        using var culture = new CultureScope("ko");
        var row = await RowAsync("Floor A", "D");
        var page = RenderPage();

        await Seat(page, row[0].SeatId).ClickAsync(new MouseEventArgs());
        await Seat(page, row[1].SeatId).ClickAsync(new MouseEventArgs());

        var total = Formats.Krw(row[0].Price + row[1].Price, CultureInfo.GetCultureInfo("ko"));
        Assert.Equal($"좌석 2석 선택, 합계 {total}.", Announced(page, "selection"));
    }

    [Fact]
    public async Task The_countdown_is_announced_once_at_one_minute_and_once_at_ten_seconds()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        await HoldAsync(page, [(await RowAsync("Floor C", "F"))[3]]);
        Assert.Equal("polite", page.Find("[data-testid=countdown-announcement]").GetAttribute("aria-live"));

        Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(58));
        page.WaitForAssertion(() => Assert.Equal("1:02", Countdown(page)), LoadLimit);
        Assert.Equal(string.Empty, Announced(page, "countdown"));

        Clock.Advance(TimeSpan.FromSeconds(3));
        page.WaitForAssertion(() => Assert.Equal("0:59", Countdown(page)), LoadLimit);
        Assert.Equal("One minute left to pay for your seats.", Announced(page, "countdown"));

        Clock.Advance(TimeSpan.FromSeconds(49));
        page.WaitForAssertion(() => Assert.Equal("0:10", Countdown(page)), LoadLimit);
        Assert.Equal("10 seconds left to pay for your seats.", Announced(page, "countdown"));
    }

    [Fact]
    public async Task An_expired_hold_is_announced_assertively()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        await HoldAsync(page, [(await RowAsync("Floor A", "G"))[1]]);
        Assert.Equal("assertive", page.Find("[data-testid=hold-announcement]").GetAttribute("aria-live"));
        Assert.Equal(string.Empty, Announced(page, "hold"));

        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("Your hold has expired and the seats were released.", Announced(page, "hold")), LoadLimit);
    }

    [Fact]
    public void The_warnings_pass_each_mark_once_and_none_above_a_minute_or_at_zero()
    {
        var warnings = new CountdownWarnings();

        Assert.Null(warnings.Passed(TimeSpan.FromSeconds(61)));
        Assert.Equal(CountdownWarnings.OneMinute, warnings.Passed(TimeSpan.FromSeconds(59)));
        Assert.Null(warnings.Passed(TimeSpan.FromSeconds(30)));
        Assert.Equal(CountdownWarnings.TenSeconds, warnings.Passed(TimeSpan.FromSeconds(10)));
        Assert.Null(warnings.Passed(TimeSpan.FromSeconds(9)));
        Assert.Null(warnings.Passed(TimeSpan.Zero));
    }

    private static string Announced(IRenderedComponent<PerformancePage> page, string region) =>
        page.Find($"[data-testid={region}-announcement]").TextContent.Trim();

    private static string Countdown(IRenderedComponent<PerformancePage> page) =>
        page.Find("[data-testid=countdown]").TextContent.Trim();
}
