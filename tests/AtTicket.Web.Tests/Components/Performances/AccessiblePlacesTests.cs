using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Web.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>
/// Wheelchair spaces and companion seats on the buyer's seat map: announced by name, in the legend only
/// where the hall has them, confirmed before a wheelchair space is picked, and named in the seat lists.
/// The demo cinema has a back row of both; the concert hall has none.
/// </summary>
public sealed class AccessiblePlacesTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    [Theory]
    [InlineData("en", "wheelchair space", "companion seat")]
    [InlineData("ko", "휠체어석", "동반자석")]
    public async Task Wheelchair_spaces_and_companion_seats_say_what_they_are_in_their_accessible_names(string language, string wheelchair, string companion)
    {
        using var culture = new CultureScope(language);
        var film = await FilmAsync();

        var page = RenderPage(film);

        Assert.Contains(wheelchair, Name(page, await PlaceAsync(film, SeatKind.Wheelchair)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(companion, Name(page, await PlaceAsync(film, SeatKind.Companion)), StringComparison.OrdinalIgnoreCase);
        var ordinary = page.FindAll("g.seat:not(.wheelchair):not(.companion)")[0].GetAttribute("aria-label")!;
        Assert.DoesNotContain(wheelchair, ordinary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(companion, ordinary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_legend_lists_wheelchair_and_companion_places_only_for_a_hall_that_has_them()
    {
        using var culture = new CultureScope("en");

        var cinema = RenderPage(await FilmAsync());
        var concertHall = RenderPage(ConcertHallPerformance);

        Assert.Equal("Wheelchair space", cinema.Find("[data-testid=legend-wheelchair]").TextContent.Trim());
        Assert.Equal("Companion seat", cinema.Find("[data-testid=legend-companion]").TextContent.Trim());
        Assert.Empty(concertHall.FindAll("[data-testid=legend-wheelchair], [data-testid=legend-companion]"));
        Assert.Empty(concertHall.FindAll("[data-testid=include-accessible]"));
        Assert.Single(cinema.FindAll("[data-testid=include-accessible]"));
    }

    [Fact]
    public async Task Picking_a_wheelchair_space_asks_first_and_cancelling_leaves_it_unpicked()
    {
        using var culture = new CultureScope("en");
        var dialogs = Render<MudDialogProvider>();
        var film = await FilmAsync();
        var space = await PlaceAsync(film, SeatKind.Wheelchair);
        var page = RenderPage(film);

        var click = Seat(page, space).ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Contains("is a wheelchair space", dialogs.Markup), LoadLimit);
        await DialogButton(dialogs, "Cancel").ClickAsync(new MouseEventArgs());
        await click;

        page.WaitForAssertion(() => Assert.DoesNotContain("selected", ClassesOf(page, space)));
        Assert.Empty(page.FindAll("[data-testid=selected-seats]"));
    }

    [Fact]
    public async Task A_confirmed_wheelchair_space_is_named_in_the_selection_and_in_the_hold()
    {
        using var culture = new CultureScope("en");
        var dialogs = Render<MudDialogProvider>();
        var film = await FilmAsync();
        var space = await PlaceAsync(film, SeatKind.Wheelchair);
        var page = RenderPage(film);

        var click = Seat(page, space).ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.Contains("is a wheelchair space", dialogs.Markup), LoadLimit);
        await DialogButton(dialogs, "Choose this space").ClickAsync(new MouseEventArgs());
        await click;

        page.WaitForAssertion(() => Assert.Contains("selected", ClassesOf(page, space)));
        Assert.Equal("Wheelchair space", page.Find("[data-testid=selected-seats] [data-testid=seat-kind]").TextContent.Trim());

        await Button(page, "Hold these seats").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=hold-panel]")), LoadLimit);
        Assert.Equal("Wheelchair space", page.Find("[data-testid=hold-panel] [data-testid=seat-kind]").TextContent.Trim());
    }

    [Fact]
    public async Task A_companion_seat_is_picked_without_a_question()
    {
        using var culture = new CultureScope("en");
        var dialogs = Render<MudDialogProvider>();
        var film = await FilmAsync();
        var companion = await PlaceAsync(film, SeatKind.Companion);
        var page = RenderPage(film);

        await Seat(page, companion).ClickAsync(new MouseEventArgs());

        Assert.Contains("selected", ClassesOf(page, companion));
        Assert.DoesNotContain("wheelchair space", dialogs.Markup);
        Assert.Equal("Companion seat", page.Find("[data-testid=selected-seats] [data-testid=seat-kind]").TextContent.Trim());
    }

    private static string Name(IRenderedComponent<PerformancePage> page, int seatId) => Seat(page, seatId).GetAttribute("aria-label")!;

    private static AngleSharp.Dom.IElement DialogButton(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private async Task<int> FilmAsync()
    {
        await using var db = await ContextAsync();
        return await db.Performances
            .Where(p => p.Product!.Category == ProductCategory.Movie && p.Status == PerformanceStatus.OnSale)
            .Select(p => p.Id)
            .FirstAsync(Cancellation);
    }

    /// <summary>A graded place of the kind in the performance's hall.</summary>
    private async Task<int> PlaceAsync(int performanceId, SeatKind kind)
    {
        await using var db = await ContextAsync();
        return await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && s.GradeId != null && s.Seat!.Kind == kind && s.Status == SeatStatus.Available)
            .Select(s => s.SeatId)
            .FirstAsync(Cancellation);
    }
}
