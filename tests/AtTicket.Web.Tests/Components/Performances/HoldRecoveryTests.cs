using AtTicket.Domain.Bookings;
using AtTicket.Web.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>A member who opens the seat map again (a reload, another tab) finds the seats they hold, with checkout.</summary>
public sealed class HoldRecoveryTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    [Fact]
    public async Task Opening_the_page_again_shows_the_members_live_hold_with_its_countdown()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Floor C", "F")).Take(2).ToList();
        await HoldAsync(RenderPage(), seats);
        Clock.Advance(TimeSpan.FromSeconds(90));

        var again = RenderPage();

        again.WaitForAssertion(() => Assert.Single(again.FindAll("[data-testid=hold-panel]")), LoadLimit);
        Assert.Equal("3:30", again.Find("[data-testid=countdown]").TextContent.Trim());
        Assert.All(seats, s => Assert.Contains("mine", ClassesOf(again, s.SeatId)));
        Assert.Single(again.FindAll("form")); // the checkout form
    }

    [Fact]
    public async Task Another_members_live_hold_is_not_shown_as_ours()
    {
        using var culture = new CultureScope("en");
        var others = (await RowAsync("Floor C", "H")).Take(1).Select(s => s.SeatId).ToList();
        await Services.GetRequiredService<HoldService>().HoldSeatsAsync(await NewCustomerAsync("recovery-other@atticket.test"), ConcertHallPerformance, others, Cancellation);

        var page = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=hold-panel]"));
        Assert.Contains("held", ClassesOf(page, others[0]));
        Assert.DoesNotContain("mine", ClassesOf(page, others[0]));
    }

    [Fact]
    public async Task An_expired_hold_is_not_picked_up()
    {
        using var culture = new CultureScope("en");
        var mine = (await RowAsync("Floor C", "G")).Take(1).ToList();
        await HoldAsync(RenderPage(), mine);
        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var again = RenderPage();

        Assert.Empty(again.FindAll("[data-testid=hold-panel]"));
        Assert.DoesNotContain("mine", ClassesOf(again, mine[0].SeatId));
    }
}
