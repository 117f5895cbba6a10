using AtTicket.Domain.Bookings;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.Bookings;
using AtTicket.Web.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>A wheelchair space or companion seat is named on its ticket and on the phone's booking bar, where the seat list is out of sight.</summary>
public sealed class AccessiblePlaceNamingTests : BunitContext
{
    private static readonly GradeView Grade = new(1, "R", 50_000, "#c0392b");

    public AccessiblePlaceNamingTests()
    {
        this.AddAppServices();
        Services.AddSingleton(TimeProvider.System);
    }

    [Theory]
    [InlineData("en", SeatKind.Wheelchair, "Wheelchair space")]
    [InlineData("en", SeatKind.Companion, "Companion seat")]
    [InlineData("ko", SeatKind.Wheelchair, "휠체어석")]
    public void A_ticket_names_its_accessible_place(string language, SeatKind kind, string name)
    {
        using var culture = new CultureScope(language);

        var ticket = RenderTicket(kind);

        Assert.Equal(name, ticket.Find("[data-testid=seat-kind]").TextContent.Trim());
    }

    [Fact]
    public void A_plain_seats_ticket_names_no_kind()
    {
        using var culture = new CultureScope("en");

        Assert.Empty(RenderTicket(SeatKind.Normal).FindAll("[data-testid=seat-kind]"));
    }

    [Fact]
    public void The_booking_bar_names_each_kind_of_accessible_place_chosen_once()
    {
        using var culture = new CultureScope("en");
        SelectedSeat[] chosen = [Chosen(1, SeatKind.Wheelchair), Chosen(2, SeatKind.Companion), Chosen(3, SeatKind.Companion), Chosen(4, SeatKind.Normal)];

        var bar = Render<BookingBar>(p => p.Add(x => x.Selected, chosen));

        Assert.Equal(["Wheelchair space", "Companion seat"], bar.FindAll("[data-testid=seat-kind]").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public void The_booking_bar_of_a_held_wheelchair_space_names_it()
    {
        using var culture = new CultureScope("en");
        var hold = new HoldView(Guid.NewGuid(), 1, HoldStatus.Active, [new HeldSeatView(1, "Cinema", "J", 1, Grade.Id, Grade.Name, Grade.Price, SeatKind.Wheelchair)], DateTimeOffset.UtcNow.AddMinutes(5));

        var bar = Render<BookingBar>(p => p.Add(x => x.Selected, []).Add(x => x.Hold, hold));

        Assert.Equal("Wheelchair space", bar.Find("[data-testid=seat-kind]").TextContent.Trim());
    }

    private IRenderedComponent<TicketCard> RenderTicket(SeatKind kind) =>
        Render<TicketCard>(p => p
            .Add(x => x.Ticket, new BookingTicketView(1, "Cinema", "J", 1, "R", 50_000, "ABCDEFGH12345678", kind))
            .Add(x => x.Show, "Starfall Harbor")
            .Add(x => x.StartsAt, DateTimeOffset.UtcNow.AddDays(3))
            .Add(x => x.Place, "Cine Hangang · Screen 1"));

    private static SelectedSeat Chosen(int id, SeatKind kind) => new(new SeatView(id, "Cinema", "J", id, id, 10, kind), Grade);
}
