using System.Globalization;
using AngleSharp.Dom;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.SeatMap;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AtTicket.Web.Tests.Components.SeatMap;

/// <summary>The seat map on its own: one Tab stop, the moves the script follows, zooming, and what it asks of the script.</summary>
public sealed class SeatMapViewTests : BunitContext
{
    private const string Script = "./Components/SeatMap/SeatMapView.razor.js";

    // Two rows of three, listed back row first so that list order is not reading order.
    private static readonly IReadOnlyList<SeatView> TwoRows =
    [
        Seat(4, "B", 1, x: 0, y: 1), Seat(5, "B", 2, x: 1, y: 1), Seat(6, "B", 3, x: 2, y: 1),
        Seat(1, "A", 1, x: 0, y: 0), Seat(2, "A", 2, x: 1, y: 0), Seat(3, "A", 3, x: 2, y: 0),
    ];

    private readonly BunitJSModuleInterop _script;
    private readonly List<SeatView> _clicked = [];

    public SeatMapViewTests()
    {
        this.AddAppServices();
        _script = JSInterop.SetupModule(Script);
        _script.SetupVoid("attach", _ => true);
    }

    [Fact]
    public void A_clickable_map_has_one_tab_stop_on_the_top_left_seat()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap(TwoRows);

        Assert.Equal(["1"], TabStops(map));
        Assert.All(map.FindAll("g.seat").Where(g => g.GetAttribute("data-seat-id") != "1"), g => Assert.Equal("-1", g.GetAttribute("tabindex")));
        Assert.Equal("Use the arrow keys to move between seats.", map.Find("svg").GetAttribute("aria-description"));
    }

    [Fact]
    public void A_map_without_a_click_handler_takes_no_focus()
    {
        var map = Render<SeatMapView>(p => p.Add(m => m.Seats, TwoRows).Add(m => m.Paint, Paint));

        Assert.All(map.FindAll("g.seat"), g =>
        {
            Assert.False(g.HasAttribute("tabindex"));
            Assert.False(g.HasAttribute("data-moves"));
        });
        Assert.False(map.Find("svg").HasAttribute("aria-description"));
    }

    [Fact]
    public void Each_seat_names_the_seats_its_keys_lead_to()
    {
        var map = RenderMap(TwoRows);

        // Left, Right, Up, Down, Home, End; "-" where the key stays put.
        Assert.Equal("1 3 - 5 1 3", SeatElement(map, 2).GetAttribute("data-moves"));
        Assert.Equal("5 - 3 - 4 6", SeatElement(map, 6).GetAttribute("data-moves"));
    }

    [Fact]
    public async Task The_tab_stop_stays_on_the_seat_last_focused_when_the_map_is_redrawn()
    {
        var map = RenderMap(TwoRows);

        await map.InvokeAsync(() => map.Instance.OnSeatFocused(5));
        map.Render(p => p.Add(m => m.Paint, Paint)); // the page redraws it, say after a live update

        Assert.Equal(["5"], TabStops(map));
    }

    [Fact]
    public async Task A_seat_clicked_or_toggled_with_Enter_becomes_the_tab_stop()
    {
        var map = RenderMap(TwoRows);

        await SeatElement(map, 6).ClickAsync(new MouseEventArgs());
        map.Render(p => p.Add(m => m.Paint, Paint));
        Assert.Equal(["6"], TabStops(map));

        await SeatElement(map, 2).KeyDownAsync(new KeyboardEventArgs { Key = "Enter", Code = "Enter" });
        map.Render(p => p.Add(m => m.Paint, Paint));
        Assert.Equal(["2"], TabStops(map));
        Assert.Equal([6, 2], _clicked.Select(s => s.Id));
    }

    [Fact]
    public async Task When_the_tab_stop_seat_is_removed_Tab_enters_at_the_first_seat_again()
    {
        var map = RenderMap(TwoRows);
        await map.InvokeAsync(() => map.Instance.OnSeatFocused(5));

        map.Render(p => p.Add(m => m.Seats, [.. TwoRows.Where(s => s.Id != 5)]));

        Assert.Equal(["1"], TabStops(map));
        Assert.Equal("- 6 1 - 4 6", SeatElement(map, 4).GetAttribute("data-moves")); // the moves follow the new layout
    }

    [Fact]
    public void Redrawing_after_a_seat_changes_keeps_every_seats_handlers()
    {
        // New handlers on every seat would make each live update resend the whole map's handlers.
        var sold = new HashSet<int>();
        SeatPaint PaintSold(SeatView seat) => new("#2e86c1", sold.Contains(seat.Id) ? "sold" : null, $"{seat.Row}-{seat.Number}");
        var map = Render<SeatMapView>(p => p.Add(m => m.Seats, TwoRows).Add(m => m.Paint, PaintSold).Add(m => m.SeatClicked, (SeatView _) => { }));
        var before = Handlers(map);
        Assert.All(before, ids => Assert.Matches(@"^\d+/\d+$", ids));

        sold.Add(5);
        map.Render(p => p.Add(m => m.Paint, PaintSold));

        Assert.Contains("sold", SeatElement(map, 5).ClassList);
        Assert.Equal(before, Handlers(map));
    }

    [Fact]
    public async Task A_key_that_changes_nothing_does_not_redraw_the_map()
    {
        var map = RenderMap(TwoRows);
        var renders = map.RenderCount;

        await SeatElement(map, 1).KeyDownAsync(new KeyboardEventArgs { Key = "Tab", Code = "Tab" });
        await SeatElement(map, 1).KeyDownAsync(new KeyboardEventArgs { Key = "a", Code = "KeyA" });

        Assert.Equal(renders, map.RenderCount);
        Assert.Empty(_clicked);
    }

    [Fact]
    public async Task Zooming_in_widens_the_map_step_by_step_to_four_times_and_reset_shows_the_whole_hall()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap(TwoRows);
        Assert.Equal((100, 227), Size(map)); // a small hall keeps about 36 pixels a seat: (2.8 + 3.5) * 36
        Assert.True(ZoomButton(map, "Zoom out").HasAttribute("disabled"));
        Assert.True(ZoomButton(map, "Reset zoom").HasAttribute("disabled"));

        var widths = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            await ZoomButton(map, "Zoom in").ClickAsync(new MouseEventArgs());
            widths.Add(Size(map).Percent);
        }

        Assert.Equal([150, 200, 300, 400, 400], widths);
        Assert.Equal((400, 907), Size(map));
        Assert.True(ZoomButton(map, "Zoom in").HasAttribute("disabled"));
        Assert.Contains("zoomed", map.Find(".seat-map").ClassList);

        await ZoomButton(map, "Zoom out").ClickAsync(new MouseEventArgs());
        Assert.Equal(300, Size(map).Percent);

        await ZoomButton(map, "Reset zoom").ClickAsync(new MouseEventArgs());
        Assert.Equal((100, 227), Size(map));
        Assert.DoesNotContain("zoomed", map.Find(".seat-map").ClassList);
        Assert.False(ZoomButton(map, "Zoom in").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Zooming_keeps_the_tab_stop()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap(TwoRows);
        await map.InvokeAsync(() => map.Instance.OnSeatFocused(3));

        await ZoomButton(map, "Zoom in").ClickAsync(new MouseEventArgs());

        Assert.Equal(["3"], TabStops(map));
    }

    [Fact]
    public void The_script_is_attached_once_and_drags_to_pan_unless_areas_can_be_selected()
    {
        var customer = RenderMap(TwoRows);
        customer.Render(p => p.Add(m => m.Paint, Paint));
        var admin = Render<SeatMapView>(p => p
            .Add(m => m.Seats, TwoRows).Add(m => m.Paint, Paint)
            .Add(m => m.SeatClicked, (SeatView _) => { })
            .Add(m => m.SelectArea, (IReadOnlyList<SeatView> _) => { }));

        var attached = _script.Invocations["attach"];
        Assert.Equal(2, attached.Count);
        Assert.Equal([false, true], attached.Select(i => (bool)i.Arguments[3]!));
    }

    [Fact]
    public void An_empty_hall_says_so_and_needs_no_script()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap([]);

        Assert.Equal("No seats yet.", map.Find(".seat-map-empty").TextContent);
        Assert.Empty(map.FindAll("button"));
        Assert.Empty(_script.Invocations["attach"]);
    }

    private IRenderedComponent<SeatMapView> RenderMap(IReadOnlyList<SeatView> seats) =>
        Render<SeatMapView>(p => p.Add(m => m.Seats, seats).Add(m => m.Paint, Paint).Add(m => m.SeatClicked, (SeatView s) => _clicked.Add(s)));

    private static SeatView Seat(int id, string row, int number, double x, double y) => new(id, "Stalls", row, number, x, y, SeatKind.Normal);

    private static SeatPaint Paint(SeatView seat) => new("#2e86c1", null, $"{seat.Row}-{seat.Number}");

    private static IElement SeatElement(IRenderedComponent<SeatMapView> map, int id) => map.Find($"g.seat[data-seat-id='{id}']");

    private static string?[] TabStops(IRenderedComponent<SeatMapView> map) =>
        [.. map.FindAll("g.seat[tabindex='0']").Select(g => g.GetAttribute("data-seat-id"))];

    /// <summary>The event handler ids bunit shows on each seat, as the browser would have them.</summary>
    private static string[] Handlers(IRenderedComponent<SeatMapView> map) =>
        [.. map.FindAll("g.seat").Select(g => $"{g.GetAttribute("blazor:onclick")}/{g.GetAttribute("blazor:onkeydown")}")];

    private static IElement ZoomButton(IRenderedComponent<SeatMapView> map, string label) => map.Find($".seat-map-zoom button[aria-label='{label}']");

    /// <summary>The SVG's width in percent of the viewport and its largest width in pixels.</summary>
    private static (int Percent, int MaxPixels) Size(IRenderedComponent<SeatMapView> map)
    {
        var style = map.Find("svg").GetAttribute("style")!
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(':', StringSplitOptions.TrimEntries))
            .ToDictionary(d => d[0], d => d[1]);
        return (int.Parse(style["width"].TrimEnd('%'), CultureInfo.InvariantCulture), int.Parse(style["max-width"].Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
    }
}
