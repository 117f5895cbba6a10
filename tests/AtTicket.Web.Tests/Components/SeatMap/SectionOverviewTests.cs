using System.Globalization;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.SeatMap;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AtTicket.Web.Tests.Components.SeatMap;

/// <summary>A large hall on a phone: an overview of its sections with their free seats, one section at a time with finger-sized seats.</summary>
public sealed class SectionOverviewTests : BunitContext
{
    // Two blocks side by side, 40 seat widths in all: on a 360 px phone a seat of the whole hall would be about 6 px.
    private static readonly IReadOnlyList<SeatView> TwoSections = [.. Block(1, "Left", x: 0), .. Block(101, "Right", x: 30)];

    private readonly HashSet<int> _taken = [3, 4, 105];

    public SectionOverviewTests()
    {
        this.AddAppServices();
        JSInterop.SetupModule("./Components/SeatMap/SeatMapView.razor.js").SetupVoid("attach", _ => true);
    }

    [Fact]
    public async Task On_a_phone_the_hall_opens_as_one_named_block_per_section_with_its_free_seats()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap();

        await map.InvokeAsync(() => map.Instance.OnViewportMeasured(360, phone: true));

        Assert.Empty(map.FindAll("g.seat"));
        var blocks = map.FindAll("g.section-block[role=button]");
        Assert.Equal(["Section Left, 28 seats free", "Section Right, 29 seats free"], blocks.Select(b => b.GetAttribute("aria-label")));
        Assert.All(blocks, b => Assert.Equal("0", b.GetAttribute("tabindex")));
        Assert.Equal("28 free", blocks[0].QuerySelector("text.free")!.TextContent);
    }

    [Fact]
    public async Task The_free_seats_follow_the_seat_states_the_page_gives()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap();
        await map.InvokeAsync(() => map.Instance.OnViewportMeasured(360, phone: true));

        _taken.Add(110); // someone holds a seat: the page redraws the map
        map.Render(p => p.Add(m => m.SeatIsFree, IsFree));

        Assert.Equal("Section Right, 28 seats free", map.Find("g.section-block[data-section='Right']").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Tapping_a_section_draws_only_its_seats_at_a_fingers_size_and_All_sections_goes_back()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap();
        await map.InvokeAsync(() => map.Instance.OnViewportMeasured(360, phone: true));

        await map.Find("g.section-block[data-section='Right']").ClickAsync(new MouseEventArgs());

        var seats = map.FindAll("g.seat");
        Assert.Equal(30, seats.Count);
        Assert.All(seats, s => Assert.StartsWith("Right ", s.GetAttribute("aria-label"), StringComparison.Ordinal));
        Assert.Equal("Right", map.Instance.ShownSection);
        Assert.Equal("101", Assert.Single(map.FindAll("g.seat[tabindex='0']")).GetAttribute("data-seat-id"));
        // (9.8 wide + 3.5 of margin) seat widths at 40 px each; a seat is 0.8 of that: 32 px, above the 24 px minimum.
        Assert.StartsWith("width: 532px;", map.Find("svg").GetAttribute("style"), StringComparison.Ordinal);
        Assert.True(0.8 * SeatMapView.SectionUnitPixels >= SeatMapView.SmallestTarget);

        await map.Find("[data-testid=all-sections]").ClickAsync(new MouseEventArgs());

        Assert.Empty(map.FindAll("g.seat"));
        Assert.Equal(2, map.FindAll("g.section-block").Count);
        Assert.Null(map.Instance.ShownSection);
    }

    [Fact]
    public async Task Enter_on_a_section_opens_it()
    {
        var map = RenderMap();
        await map.InvokeAsync(() => map.Instance.OnViewportMeasured(360, phone: true));

        await map.Find("g.section-block[data-section='Left']").KeyDownAsync(new KeyboardEventArgs { Key = "Enter", Code = "Enter" });

        Assert.Equal(30, map.FindAll("g.seat").Count);
        Assert.Equal("Left", map.Instance.ShownSection);
    }

    [Fact]
    public async Task A_desktop_window_or_a_map_without_seat_states_keeps_the_whole_hall()
    {
        var desktop = RenderMap();
        await desktop.InvokeAsync(() => desktop.Instance.OnViewportMeasured(800, phone: false));
        Assert.Equal(60, desktop.FindAll("g.seat").Count);
        Assert.Empty(desktop.FindAll("g.section-block"));

        var editor = Render<SeatMapView>(p => p.Add(m => m.Seats, TwoSections).Add(m => m.Paint, Paint));
        await editor.InvokeAsync(() => editor.Instance.OnViewportMeasured(360, phone: true));
        Assert.Equal(60, editor.FindAll("g.seat").Count);
    }

    [Fact]
    public async Task A_hall_whose_seats_are_big_enough_on_the_phone_is_not_split()
    {
        IReadOnlyList<SeatView> small = [.. Block(1, "Left", x: 0, seats: 3), .. Block(101, "Right", x: 4, seats: 3)];
        var map = Render<SeatMapView>(p => p.Add(m => m.Seats, small).Add(m => m.Paint, Paint)
            .Add(m => m.SeatClicked, (SeatView _) => { }).Add(m => m.SeatIsFree, IsFree));

        // 10.5 seat widths on 360 px: seats of about 27 px.
        await map.InvokeAsync(() => map.Instance.OnViewportMeasured(360, phone: true));

        Assert.Equal(18, map.FindAll("g.seat").Count);
    }

    [Fact]
    public async Task Pinch_and_Ctrl_wheel_step_the_zoom_within_its_levels()
    {
        using var culture = new CultureScope("en");
        var map = RenderMap();

        for (var i = 0; i < 6; i++)
        {
            await map.InvokeAsync(() => map.Instance.OnZoomGesture(1));
        }

        Assert.StartsWith("width: 400%;", map.Find("svg").GetAttribute("style"), StringComparison.Ordinal);
        Assert.True(map.Find(".seat-map-zoom button[aria-label='Zoom in']").HasAttribute("disabled"));

        for (var i = 0; i < 6; i++)
        {
            await map.InvokeAsync(() => map.Instance.OnZoomGesture(-1));
        }

        Assert.StartsWith("width: 100%;", map.Find("svg").GetAttribute("style"), StringComparison.Ordinal);
    }

    private IRenderedComponent<SeatMapView> RenderMap() =>
        Render<SeatMapView>(p => p.Add(m => m.Seats, TwoSections).Add(m => m.Paint, Paint)
            .Add(m => m.SeatClicked, (SeatView _) => { }).Add(m => m.SeatIsFree, IsFree));

    private bool IsFree(SeatView seat) => !_taken.Contains(seat.Id);

    private static SeatPaint Paint(SeatView seat) => new("#2e86c1", null, $"{seat.Section} {seat.Row}-{seat.Number}");

    /// <summary>Three rows of <paramref name="seats"/>, ids from <paramref name="firstId"/>.</summary>
    private static IEnumerable<SeatView> Block(int firstId, string section, double x, int seats = 10) =>
        Enumerable.Range(0, 3 * seats).Select(i => new SeatView(
            firstId + i, section, ((char)('A' + (i / seats))).ToString(CultureInfo.InvariantCulture), (i % seats) + 1, x + (i % seats), i / seats, SeatKind.Normal));
}
