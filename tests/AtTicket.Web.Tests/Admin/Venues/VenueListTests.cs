using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Venues;
using AtTicket.Web.Components.Admin.Venues;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AtTicket.Web.Tests.Admin.Venues;

public class VenueListTests : VenueAdminTestContext
{
    [Fact]
    public void Without_venues_the_page_says_so_and_offers_to_create_one()
    {
        var cut = Render<VenueList>();

        var empty = cut.WaitForElement("[data-testid=no-venues]");
        Assert.Contains("No venues yet", empty.TextContent);
    }

    [Fact]
    public async Task Each_venue_is_listed_with_its_halls_and_their_seat_counts()
    {
        var venues = Get<VenueAdminService>();
        var venueId = await venues.CreateVenueAsync("Cine Hangang", "Yeongdeungpo-gu", Ct);
        var seats = Enumerable.Range(1, 12).Select(n => new SeatDocument(null, n, n, 0)).ToList();
        await venues.CreateHallAsync(venueId, new HallLayoutDocument("Screen 1", [new SectionDocument("Cinema", [new RowDocument("A", seats)])]), Ct);

        var cut = Render<VenueList>();

        var card = cut.WaitForElement("[data-testid=venue]");
        Assert.Contains("Cine Hangang", card.TextContent);
        Assert.Contains("Screen 1", card.TextContent);
        Assert.Contains("12", card.QuerySelector("tbody")!.TextContent);
        Assert.NotNull(card.QuerySelector($"a[href='/admin/venues/{venueId}/halls/new']"));
    }

    [Fact]
    public async Task A_venue_created_in_the_dialog_appears_in_the_list()
    {
        var cut = Render<VenueList>();
        cut.WaitForElement("[data-testid=no-venues]");

        // Not awaited: the page waits for the dialog to close.
        cut.Find("[data-testid=new-venue]").Click();
        Field(Dialogs, "venue-name").Change("Lotte Concert Hall");
        Field(Dialogs, "venue-address").Change("Songpa-gu, Seoul");
        await Dialogs.Find("[data-testid=venue-save]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("Lotte Concert Hall", cut.Find("[data-testid=venue]").TextContent));
        var venue = Assert.Single(await Get<CatalogReader>().GetVenuesAsync(Ct));
        Assert.Equal("Songpa-gu, Seoul", venue.Address);
    }

    [Fact]
    public async Task The_venue_dialog_requires_a_name()
    {
        var cut = Render<VenueList>();
        cut.WaitForElement("[data-testid=no-venues]");

        // Not awaited: the page waits for the dialog to close.
        cut.Find("[data-testid=new-venue]").Click();
        await Dialogs.Find("[data-testid=venue-save]").ClickAsync(new MouseEventArgs());

        Dialogs.WaitForAssertion(() => Assert.Contains("Enter the venue's name.", Dialogs.Markup));
        Assert.Empty(await Get<CatalogReader>().GetVenuesAsync(Ct));
    }
}
