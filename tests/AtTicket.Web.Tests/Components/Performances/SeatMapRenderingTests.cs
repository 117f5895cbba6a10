using System.Diagnostics;
using System.Globalization;
using AtTicket.Web.Localization;
using Bunit;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>The seat map of the demo's 1,024-seat concert hall: every seat in its grade colour, held and sold seats marked.</summary>
public sealed class SeatMapRenderingTests(DemoDatabaseTemplate template, ITestOutputHelper output)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Every_seat_is_drawn_once_in_its_grade_colour_with_an_accessible_name()
    {
        using var culture = new CultureScope("en");
        var seats = await SeatsAsync();
        Assert.Equal(1024, seats.Count);

        var watch = Stopwatch.StartNew();
        var page = RenderPage();
        output.WriteLine($"First render of the {seats.Count}-seat map in bunit: {watch.ElapsedMilliseconds} ms");

        var drawn = page.FindAll("g.seat[data-seat-id]").ToDictionary(g => int.Parse(g.GetAttribute("data-seat-id")!, CultureInfo.InvariantCulture));
        Assert.Equal(seats.Select(s => s.SeatId), drawn.Keys.Order());
        Assert.All(seats, seat =>
        {
            var g = drawn[seat.SeatId];
            Assert.Equal(seat.Color, g.QuerySelector("rect, circle")!.GetAttribute("fill"));
            Assert.Equal("button", g.GetAttribute("role"));
            Assert.NotNull(g.GetAttribute("tabindex")); // focusable: "0" on the map's one Tab stop, "-1" on the rest
            Assert.Equal(
                $"Section {seat.Section}, row {seat.Row}, seat {seat.Number}, {seat.GradeName}, {Formats.Krw(seat.Price, English)}, available",
                g.GetAttribute("aria-label"));
            Assert.DoesNotContain(g.ClassList, c => c is "held" or "sold" or "selected" or "mine");
        });
        Assert.Equal(["#27ae60", "#2e86c1", "#b8860b", "#c0392b"], seats.Select(s => s.Color).Distinct().Order());
        var tabStop = Assert.Single(page.FindAll("g.seat[tabindex='0']"));
        Assert.StartsWith("Section Floor A, row A, seat 1,", tabStop.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_legend_names_each_grade_with_its_price_and_the_seats_left()
    {
        using var culture = new CultureScope("en");
        var seats = await SeatsAsync();
        var vip = seats.Where(s => s.GradeName == "VIP").ToList();
        await MarkSoldAsync(vip[0].SeatId);
        await MarkHeldAsync(vip[1].SeatId, Clock.GetUtcNow().AddMinutes(3));

        var page = RenderPage();

        var legend = page.Find(".seat-legend").TextContent;
        foreach (var grade in seats.GroupBy(s => (s.GradeName, s.Price)))
        {
            var left = grade.Key.GradeName == "VIP" ? grade.Count() - 2 : grade.Count();
            Assert.Contains($"{grade.Key.GradeName} {Formats.Krw(grade.Key.Price, English)}", Normalize(legend));
            Assert.Contains($"({left} left)", legend);
        }
    }

    [Fact]
    public async Task Held_and_sold_seats_carry_their_classes_and_say_so_while_an_expired_hold_reads_available()
    {
        using var culture = new CultureScope("en");
        var row = await RowAsync("Floor B", "A");
        var (held, sold, expired, free) = (row[0], row[1], row[2], row[3]);
        await MarkHeldAsync(held.SeatId, Clock.GetUtcNow().AddMinutes(4));
        await MarkSoldAsync(sold.SeatId);
        await MarkHeldAsync(expired.SeatId, Clock.GetUtcNow().AddSeconds(-1));

        var page = RenderPage();

        Assert.Contains("held", ClassesOf(page, held.SeatId));
        Assert.Contains("sold", ClassesOf(page, sold.SeatId));
        Assert.DoesNotContain(ClassesOf(page, expired.SeatId), c => c is "held" or "sold");
        Assert.DoesNotContain(ClassesOf(page, free.SeatId), c => c is "held" or "sold");
        Assert.EndsWith(", on hold", Seat(page, held.SeatId).GetAttribute("aria-label"));
        Assert.EndsWith(", already sold", Seat(page, sold.SeatId).GetAttribute("aria-label"));
        Assert.EndsWith(", available", Seat(page, expired.SeatId).GetAttribute("aria-label"));

        // Held and sold seats keep their grade's colour; the class marks them.
        Assert.Equal(held.Color, Seat(page, held.SeatId).QuerySelector("rect, circle")!.GetAttribute("fill"));
        Assert.Equal(sold.Color, Seat(page, sold.SeatId).QuerySelector("rect, circle")!.GetAttribute("fill"));
    }

    [Fact]
    public async Task A_taken_seat_cannot_be_selected()
    {
        using var culture = new CultureScope("en");
        var row = await RowAsync("Floor B", "A");
        await MarkSoldAsync(row[0].SeatId);
        await MarkHeldAsync(row[1].SeatId, Clock.GetUtcNow().AddMinutes(4));
        var page = RenderPage();

        await Seat(page, row[0].SeatId).ClickAsync(new());
        Assert.Equal($"Seat Floor B A-{row[0].Number} is not available.", Notice(page));
        await Seat(page, row[1].SeatId).ClickAsync(new());

        Assert.Equal($"Seat Floor B A-{row[1].Number} is not available.", Notice(page));
        Assert.DoesNotContain("selected", ClassesOf(page, row[0].SeatId));
        Assert.DoesNotContain("selected", ClassesOf(page, row[1].SeatId));
        Assert.Empty(page.FindAll("[data-testid=selected-seats]"));
    }

    [Fact]
    public async Task Seat_states_are_named_in_Korean_for_a_Korean_visitor()
    {
        using var culture = new CultureScope("ko");
        var row = await RowAsync("Floor B", "A");
        await MarkHeldAsync(row[0].SeatId, Clock.GetUtcNow().AddMinutes(4));
        await MarkSoldAsync(row[1].SeatId);
        var page = RenderPage();
        await Seat(page, row[2].SeatId).ClickAsync(new());

        // The state is the last part of each seat's name: available, held, sold, selected.
        Assert.Equal(
            ["선택 가능", "선점됨", "판매 완료", "내가 선택함"],
            new[] { row[3], row[0], row[1], row[2] }.Select(s => Seat(page, s.SeatId).GetAttribute("aria-label")!.Split(", ")[^1]));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
