using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Components.Admin.Performances;
using AtTicket.Web.Components.Catalog;
using AtTicket.Web.Live;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Live;

/// <summary>
/// The product page's remaining seats and the admin sales overview follow the feed too, and let go of
/// it when they go. On the real services (in-process bus), a copy of the demo database, a moved clock.
/// </summary>
public sealed class LivePagesTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    [Fact]
    public async Task The_product_page_lowers_a_grades_remaining_seats_when_someone_holds_and_raises_them_on_release()
    {
        using var culture = new CultureScope("en");
        var performance = await Services.GetRequiredService<CatalogReader>().GetPerformanceAsync(ConcertHallPerformance, includeUnpublished: false, Cancellation);
        var page = Render<ProductPage>(p => p.Add(x => x.Id, performance!.ProductId));
        page.WaitForElement(".grade-chip", LoadLimit);
        var seat = (await SeatsAsync())[5];
        var before = LeftOf(page, seat.GradeName);
        var holds = Services.GetRequiredService<HoldService>();

        var held = await holds.HoldSeatsAsync(await NewCustomerAsync("product-live@atticket.test"), ConcertHallPerformance, [seat.SeatId], Cancellation);
        Clock.Advance(LiveSeatSubscription.DefaultInterval);
        page.WaitForAssertion(() => Assert.Equal(before - 1, LeftOf(page, seat.GradeName)), LoadLimit);

        await holds.ReleaseAsync(held.Hold!.Id, held.Hold.MemberId, Cancellation);
        Clock.Advance(LiveSeatSubscription.DefaultInterval);
        page.WaitForAssertion(() => Assert.Equal(before, LeftOf(page, seat.GradeName)), LoadLimit);
    }

    [Fact]
    public async Task The_sales_overview_counts_a_sale_as_it_happens_and_stops_listening_when_left()
    {
        using var culture = new CultureScope("en");
        Authorization.SetRoles(Roles.Admin);
        var feed = Services.GetRequiredService<SeatFeed>();
        var listeners = feed.ListenerCount;
        var page = Render<SalesOverview>(p => p.Add(x => x.Id, ConcertHallPerformance));
        page.WaitForElement(".stat-tile", LoadLimit);
        var soldBefore = Figure(page, "Seats sold");
        var buyer = await NewCustomerAsync("sales-live@atticket.test");
        var seats = (await SeatsAsync()).Skip(40).Take(2).Select(s => s.SeatId).ToList();

        var held = await Services.GetRequiredService<HoldService>().HoldSeatsAsync(buyer, ConcertHallPerformance, seats, Cancellation);
        var sale = await Services.GetRequiredService<BookingService>().ConfirmAsync(
            buyer, held.Hold!.Id, Guid.NewGuid().ToString(), new CardDetails(SimulatedPaymentGateway.ApprovedCard, "12/40", "123", "Kim Minji"), Cancellation);
        Assert.Equal(ConfirmOutcome.Confirmed, sale.Outcome);
        Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.NotEqual(soldBefore, Figure(page, "Seats sold")), LoadLimit);
        Assert.StartsWith($"{int.Parse(soldBefore.Split(" / ")[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) + 2:N0} / ", Figure(page, "Seats sold"));
        Assert.Equal(listeners + 1, feed.ListenerCount);

        await DisposeComponentsAsync();

        Assert.Equal(listeners, feed.ListenerCount);
    }

    private static int LeftOf(IRenderedComponent<ProductPage> page, string gradeName)
    {
        // The first performance on the page is the demo's performance 1 (the earliest of its product).
        var chip = page.FindAll(".grade-chip").First(c => c.QuerySelector("strong")?.TextContent.Trim() == gradeName);
        var text = chip.QuerySelector(".left")!.TextContent;
        return int.Parse(new string([.. text.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Figure(IRenderedComponent<SalesOverview> page, string label) =>
        page.FindAll(".stat-tile").Single(t => t.QuerySelectorAll("p, .mud-typography-body2").Any(e => e.TextContent.Trim() == label))
            .QuerySelector("p")!.TextContent.Trim();
}
