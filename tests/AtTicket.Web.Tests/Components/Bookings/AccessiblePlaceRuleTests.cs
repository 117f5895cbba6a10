using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.Bookings;
using AtTicket.Web.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>
/// The companion seat rule said on the seat map before any hold (the selection panel), and Korean section
/// names on what Korean readers see of their seats.
/// </summary>
public sealed class AccessiblePlaceRuleTests : BunitContext
{
    private static readonly GradeView Grade = new(1, "R", 50_000, "#c0392b");

    public AccessiblePlaceRuleTests()
    {
        this.AddAppServices();
        Services.AddSingleton(TimeProvider.System);
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void A_companion_seat_chosen_alone_is_explained_and_cannot_be_held()
    {
        using var culture = new CultureScope("en");

        var panel = RenderPanel(Chosen(2, SeatKind.Companion), Chosen(3, SeatKind.Normal));

        Assert.Equal(
            "A companion seat is held together with a wheelchair space: choose a wheelchair space for each companion seat.",
            panel.Find("[data-testid=companion-rule]").TextContent.Trim());
        Assert.True(HoldButton(panel).HasAttribute("disabled"));
    }

    [Fact]
    public void A_companion_seat_with_a_wheelchair_space_can_be_held()
    {
        using var culture = new CultureScope("en");

        var panel = RenderPanel(Chosen(1, SeatKind.Wheelchair), Chosen(2, SeatKind.Companion));

        Assert.Empty(panel.FindAll("[data-testid=companion-rule]"));
        Assert.False(HoldButton(panel).HasAttribute("disabled"));
    }

    [Fact]
    public void Korean_readers_hear_the_rule_in_Korean_when_companion_seats_outnumber_wheelchair_spaces()
    {
        using var culture = new CultureScope("ko");

        var panel = RenderPanel(Chosen(1, SeatKind.Wheelchair), Chosen(2, SeatKind.Companion), Chosen(3, SeatKind.Companion));

        Assert.Equal("동반석은 휠체어석과 함께 선점합니다. 동반석마다 휠체어석을 하나씩 선택해 주세요.", panel.Find("[data-testid=companion-rule]").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "Choose a wheelchair space for each companion seat.")]
    [InlineData("ko", "동반석마다 휠체어석을 하나씩 선택해 주세요.")]
    public void The_phone_booking_bar_says_the_rule_and_keeps_Hold_disabled_while_a_companion_seat_has_no_wheelchair_space(string language, string notice)
    {
        using var culture = new CultureScope(language);

        var bar = RenderBar(Chosen(1, SeatKind.Wheelchair), Chosen(2, SeatKind.Companion), Chosen(3, SeatKind.Companion));

        Assert.Equal(notice, bar.Find("[data-testid=bar-companion-rule]").TextContent.Trim());
        Assert.True(bar.Find("button").HasAttribute("disabled"));
    }

    [Fact]
    public void The_phone_booking_bar_holds_a_companion_seat_chosen_with_a_wheelchair_space()
    {
        using var culture = new CultureScope("en");

        var bar = RenderBar(Chosen(1, SeatKind.Wheelchair), Chosen(2, SeatKind.Companion));

        Assert.Empty(bar.FindAll("[data-testid=bar-companion-rule]"));
        Assert.False(bar.Find("button").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("ko", "일반석 J열 1번")]
    [InlineData("en", "Cinema row J seat 1")]
    public void A_ticket_names_the_section_in_the_readers_language(string language, string seat)
    {
        using var culture = new CultureScope(language);

        var ticket = Render<TicketCard>(p => p
            .Add(x => x.Ticket, new BookingTicketView(1, "Cinema", "J", 1, "R", 50_000, "ABCDEFGH12345678", SeatKind.Normal, "일반석"))
            .Add(x => x.Show, "Starfall Harbor")
            .Add(x => x.StartsAt, DateTimeOffset.UtcNow.AddDays(3))
            .Add(x => x.Place, "Cine Hangang · Screen 1"));

        Assert.Equal(seat, ticket.Find(".seat").TextContent.Trim());
    }

    [Fact]
    public void The_selection_names_the_section_in_Korean_and_falls_back_to_the_default_name()
    {
        using var culture = new CultureScope("ko");

        var panel = RenderPanel(
            new SelectedSeat(new SeatView(1, "Floor A", "B", 3, 0, 0, SeatKind.Normal, "플로어 A"), Grade),
            new SelectedSeat(new SeatView(2, "Balcony", "C", 4, 1, 0, SeatKind.Normal), Grade));

        var seats = panel.FindAll("[data-testid=selected-seats] li").Select(li => li.TextContent).ToList();
        Assert.Contains("플로어 A B-3", seats[0]);
        Assert.DoesNotContain("Floor A", seats[0]);
        Assert.Contains("Balcony C-4", seats[1]);
    }

    private IRenderedComponent<SelectionPanel> RenderPanel(params SelectedSeat[] chosen) =>
        Render<SelectionPanel>(p => p.Add(x => x.Grades, [Grade]).Add(x => x.Selected, chosen).Add(x => x.MaxSeats, 4));

    private IRenderedComponent<BookingBar> RenderBar(params SelectedSeat[] chosen) =>
        Render<BookingBar>(p => p.Add(x => x.Selected, chosen));

    private static AngleSharp.Dom.IElement HoldButton(IRenderedComponent<SelectionPanel> panel) =>
        panel.FindAll("button").Single(b => b.TextContent.Contains("Hold these seats"));

    private static SelectedSeat Chosen(int id, SeatKind kind) => new(new SeatView(id, "Cinema", "J", id, id, 10, kind), Grade);
}
