using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Venues;
using AtTicket.Web.Components.Admin.Venues;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Web.Tests.Admin.Venues;

public class HallEditorTests : VenueAdminTestContext
{
    [Fact]
    public async Task Generating_rows_then_saving_creates_the_hall_with_those_seats()
    {
        var venueId = await Get<VenueAdminService>().CreateVenueAsync("Seoul Arts Centre", "Seocho-gu", Ct);
        var cut = Render<HallEditor>(p => p.Add(e => e.VenueId, venueId));
        cut.WaitForElement("[data-testid=generate-button]");

        Field(cut, "hall-name").Change("Studio 1");
        Field(cut, "new-section").Change("Stalls");
        await cut.Find("[data-testid=add-section]").ClickAsync(new MouseEventArgs());
        Field(cut, "generate-rows").Change("3");
        Field(cut, "generate-seats").Change("4");
        await cut.Find("[data-testid=generate-button]").ClickAsync(new MouseEventArgs());
        Assert.Equal(12, cut.FindAll("g.seat").Count);
        await cut.Find("[data-testid=save]").ClickAsync(new MouseEventArgs());

        var hall = (await Get<CatalogReader>().GetVenuesAsync(Ct)).Single(v => v.Id == venueId).Halls.Single();
        Assert.Equal("Studio 1", hall.Name);
        Assert.Equal(12, hall.SeatCount);
        var layout = await Get<CatalogReader>().GetHallLayoutAsync(hall.Id, Ct);
        Assert.Equal(["A", "B", "C"], layout!.Seats.Select(s => s.Row).Distinct().Order());
        Assert.All(layout.Seats, s => Assert.Equal("Stalls", s.Section));
        Assert.EndsWith($"/admin/halls/{hall.Id}", Get<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_without_a_hall_name_is_refused_and_creates_nothing()
    {
        var venueId = await Get<VenueAdminService>().CreateVenueAsync("Seoul Arts Centre", "Seocho-gu", Ct);
        var cut = Render<HallEditor>(p => p.Add(e => e.VenueId, venueId));
        cut.WaitForElement("[data-testid=generate-button]");
        Field(cut, "generate-section").Change("Stalls");
        await cut.Find("[data-testid=generate-button]").ClickAsync(new MouseEventArgs());

        await cut.Find("[data-testid=save]").ClickAsync(new MouseEventArgs());

        Assert.Contains("Enter the hall's name.", cut.Find("[data-testid=save-error]").TextContent);
        Assert.Empty((await Get<CatalogReader>().GetVenuesAsync(Ct)).Single(v => v.Id == venueId).Halls);
    }

    [Fact]
    public async Task Removing_a_seat_a_performance_has_sold_shows_it_as_locked_and_the_hall_keeps_it()
    {
        var (hallId, seatIds) = await HallWithOneRowAsync(seats: 4);
        var sold = seatIds[1];
        await ScheduleWithSoldSeatAsync(hallId, seatIds, sold);
        var cut = Render<HallEditor>(p => p.Add(e => e.HallId, hallId));
        var seat = cut.WaitForElement($"g.seat[data-seat-id='{sold}']");

        await seat.ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=remove-selected]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=save]").ClickAsync(new MouseEventArgs());

        var alert = cut.Find("[data-testid=locked-seats]");
        Assert.Contains("Stalls A-2", alert.TextContent);
        Assert.Equal(3, cut.FindAll("g.seat").Count);
        Assert.NotNull(cut.Find("[data-testid=unsaved]"));
        var layout = await Get<CatalogReader>().GetHallLayoutAsync(hallId, Ct);
        Assert.Equal(4, layout!.Seats.Count);
        Assert.Contains(layout.Seats, s => s.Id == sold);
    }

    [Fact]
    public async Task A_locked_seat_can_be_put_back_and_the_rest_of_the_change_saved()
    {
        var (hallId, seatIds) = await HallWithOneRowAsync(seats: 4);
        await ScheduleWithSoldSeatAsync(hallId, seatIds, seatIds[1]);
        var cut = Render<HallEditor>(p => p.Add(e => e.HallId, hallId));
        cut.WaitForElement("g.seat");
        await cut.Find($"g.seat[data-seat-id='{seatIds[1]}']").ClickAsync(new MouseEventArgs());
        await cut.Find($"g.seat[data-seat-id='{seatIds[3]}']").ClickAsync(new MouseEventArgs { ShiftKey = true });
        await cut.Find("[data-testid=remove-selected]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=save]").ClickAsync(new MouseEventArgs());

        await cut.Find("[data-testid=restore-locked]").ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=save]").ClickAsync(new MouseEventArgs());

        Assert.Empty(cut.FindAll("[data-testid=locked-seats]"));
        var layout = await Get<CatalogReader>().GetHallLayoutAsync(hallId, Ct);
        Assert.Equal([seatIds[0], seatIds[1], seatIds[2]], layout!.Seats.Select(s => s.Id).Order());
    }

    [Fact]
    public async Task A_plain_click_replaces_the_selection_and_shift_or_ctrl_click_adds_to_it()
    {
        var (hallId, seatIds) = await HallWithOneRowAsync(seats: 4);
        var cut = Render<HallEditor>(p => p.Add(e => e.HallId, hallId));
        cut.WaitForElement("g.seat");

        await ClickSeatAsync(cut, seatIds[0]);
        await ClickSeatAsync(cut, seatIds[1]);
        Assert.Equal([seatIds[1]], SelectedSeatIds(cut));

        await ClickSeatAsync(cut, seatIds[2], new MouseEventArgs { ShiftKey = true });
        await ClickSeatAsync(cut, seatIds[3], new MouseEventArgs { CtrlKey = true });
        Assert.Equal([seatIds[1], seatIds[2], seatIds[3]], SelectedSeatIds(cut));
        Assert.Contains("3 selected", cut.Find("[data-testid=selected-count]").TextContent);

        await ClickSeatAsync(cut, seatIds[2], new MouseEventArgs { CtrlKey = true });
        Assert.Equal([seatIds[1], seatIds[3]], SelectedSeatIds(cut));
    }

    [Fact]
    public async Task Marking_the_selection_as_wheelchair_spaces_clears_the_selection()
    {
        var (hallId, seatIds) = await HallWithOneRowAsync(seats: 4);
        var cut = Render<HallEditor>(p => p.Add(e => e.HallId, hallId));
        cut.WaitForElement("g.seat");
        await ClickSeatAsync(cut, seatIds[0]);
        await ClickSeatAsync(cut, seatIds[1], new MouseEventArgs { ShiftKey = true });

        await cut.Find("[data-testid=mark-as] button").ClickAsync(new MouseEventArgs());
        await Popovers.WaitForElement("[data-testid=mark-wheelchair]").ClickAsync(new MouseEventArgs());

        Assert.Empty(SelectedSeatIds(cut));
        Assert.Equal(2, cut.FindAll("g.seat.wheelchair").Count);
        Assert.Contains("0 selected", cut.Find("[data-testid=selected-count]").TextContent);
    }

    [Fact]
    public async Task The_selection_toolbar_shows_the_same_controls_before_and_after_the_first_click()
    {
        var (hallId, seatIds) = await HallWithOneRowAsync(seats: 4);
        var cut = Render<HallEditor>(p => p.Add(e => e.HallId, hallId));
        cut.WaitForElement("g.seat");
        var before = ToolbarButtons(cut);

        await ClickSeatAsync(cut, seatIds[0]);

        var after = ToolbarButtons(cut);
        Assert.Equal(after.Select(b => b.Text), before.Select(b => b.Text));
        Assert.All(before, b => Assert.True(b.Disabled, $"{b.Text} is enabled with nothing selected"));
        Assert.All(after, b => Assert.False(b.Disabled, $"{b.Text} is disabled with a seat selected"));
    }

    [Fact]
    public async Task The_legend_and_the_map_draw_a_selected_seat_in_the_same_colour()
    {
        var (hallId, seatIds) = await HallWithOneRowAsync(seats: 2);
        var cut = Render<HallEditor>(p => p.Add(e => e.HallId, hallId));
        cut.WaitForElement("g.seat");

        await ClickSeatAsync(cut, seatIds[0]);

        // Both take the colour from the stylesheet's --seat-selected (the browser test compares the drawn colours).
        Assert.Contains("selected", cut.Find($"g.seat[data-seat-id='{seatIds[0]}']").ClassList);
        var swatch = cut.Find("[data-testid=legend-selected]");
        Assert.Contains("selected", swatch.ClassList);
        Assert.False(swatch.HasAttribute("style"), "the legend paints its own colour instead of the map's");
    }

    [Fact]
    public void An_unknown_hall_shows_a_not_found_notice()
    {
        var cut = Render<HallEditor>(p => p.Add(e => e.HallId, 4040));

        cut.WaitForElement("[data-testid=hall-not-found]");
    }

    private static Task ClickSeatAsync(IRenderedComponent<HallEditor> cut, int seatId, MouseEventArgs? click = null) =>
        cut.Find($"g.seat[data-seat-id='{seatId}']").ClickAsync(click ?? new MouseEventArgs());

    private static List<int> SelectedSeatIds(IRenderedComponent<HallEditor> cut) =>
        [.. cut.FindAll("g.seat.selected").Select(g => int.Parse(g.GetAttribute("data-seat-id")!, System.Globalization.CultureInfo.InvariantCulture)).Order()];

    private static List<(string Text, bool Disabled)> ToolbarButtons(IRenderedComponent<HallEditor> cut) =>
        [.. cut.FindAll("[data-testid=selection-toolbar] button").Select(b => (b.TextContent.Trim(), b.HasAttribute("disabled")))];

    private async Task<(int HallId, IReadOnlyList<int> SeatIds)> HallWithOneRowAsync(int seats)
    {
        var venues = Get<VenueAdminService>();
        var venueId = await venues.CreateVenueAsync("Daehangno Theatre", "Jongno-gu", Ct);
        var row = new RowDocument("A", [.. Enumerable.Range(1, seats).Select(n => new SeatDocument(null, n, n - 1, 0))]);
        var hallId = await venues.CreateHallAsync(venueId, new HallLayoutDocument("Small Hall", [new SectionDocument("Stalls", [row])]), Ct);
        var layout = await Get<CatalogReader>().GetHallLayoutAsync(hallId!.Value, Ct);
        return (hallId.Value, [.. layout!.Seats.OrderBy(s => s.Number).Select(s => s.Id)]);
    }

    /// <summary>A performance of the hall with every seat in one grade, and one seat sold (written directly).</summary>
    private async Task ScheduleWithSoldSeatAsync(int hallId, IReadOnlyList<int> seatIds, int soldSeatId)
    {
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var productId = await Get<ProductAdminService>().CreateAsync(new ProductInput(
            new("Hamlet", ProductCategory.Musical, "A play.", 150, "12+", start.AddDays(-10), start.AddDays(20)), ProductStatus.Draft, null), Ct);
        var performanceIds = await Get<PerformanceAdminService>().ScheduleAsync(
            productId, hallId, [start.AddDays(7)], [new GradeSeats(null, "R", 90_000, "#c62828", seatIds)], requireEverySeat: true, Ct);
        var performanceId = Assert.Single(performanceIds!);
        await using var db = await Get<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct);
        var changed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE PerformanceSeats SET Status='Sold' WHERE PerformanceId = {performanceId} AND SeatId = {soldSeatId}",
            Ct);
        Assert.Equal(1, changed);
    }
}
