using System.Globalization;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Web.Components.Performances;
using AtTicket.Web.Localization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>
/// Holding the chosen seats from the page: the hold panel and its countdown on the app's TimeProvider
/// (a clock the test moves), expiry, release, and a seat someone else took first.
/// </summary>
public sealed class HoldPanelTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Holding_shows_the_panel_with_a_countdown_that_follows_the_clock()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Floor A", "E")).Take(2).ToList();
        var page = RenderPage();

        await HoldAsync(page, seats);

        var panel = page.Find("[data-testid=hold-panel]");
        Assert.Equal("5:00", page.Find("[data-testid=countdown]").TextContent.Trim());
        Assert.Contains(Formats.Krw(seats.Sum(s => s.Price), English), panel.TextContent);
        Assert.All(seats, s => Assert.Contains($"Floor A E-{s.Number}", panel.TextContent));
        Assert.All(seats, s => Assert.Contains("mine", ClassesOf(page, s.SeatId)));
        Assert.All(seats, s => Assert.EndsWith(", held by you", Seat(page, s.SeatId).GetAttribute("aria-label")));
        Assert.Empty(page.FindAll("[data-testid=selected-seats]"));
        var hold = Assert.Single(await HoldsOfAsync(MemberId));
        Assert.Equal(HoldStatus.Active, hold.Status);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(5), hold.ExpiresAt);
        Assert.Equal(seats.Select(s => s.SeatId).Order(), hold.SeatIds.Order());
        foreach (var seat in seats)
        {
            Assert.Equal((SeatStatus.Held, (Guid?)hold.Id), await SeatStateAsync(seat.SeatId));
        }

        Clock.Advance(TimeSpan.FromSeconds(90));

        page.WaitForAssertion(() => Assert.Equal("3:30", page.Find("[data-testid=countdown]").TextContent.Trim()), LoadLimit);
        Assert.DoesNotContain("urgent", page.Find(".countdown").ClassList);

        Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("0:29", page.Find("[data-testid=countdown]").TextContent.Trim()), LoadLimit);
        Assert.Contains("urgent", page.Find(".countdown").ClassList);
    }

    [Fact]
    public async Task When_the_countdown_reaches_zero_the_panel_goes_with_the_expiry_message()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Floor B", "H")).Skip(5).Take(3).ToList();
        var page = RenderPage();
        await HoldAsync(page, seats);

        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=hold-panel]")), LoadLimit);
        Assert.StartsWith("Your hold has expired", Notice(page));
        Assert.Empty(page.FindAll("[data-testid=countdown]"));
        Assert.All(seats, s => Assert.DoesNotContain(ClassesOf(page, s.SeatId), c => c is "mine" or "held" or "selected"));
        Assert.All(seats, s => Assert.EndsWith(", available", Seat(page, s.SeatId).GetAttribute("aria-label")));

        // The seats can be chosen and held again at once, before any sweeper has run.
        await HoldAsync(page, seats);
        Assert.Equal("5:00", page.Find("[data-testid=countdown]").TextContent.Trim());
    }

    [Fact]
    public async Task The_countdown_does_not_end_the_hold_a_second_early()
    {
        using var culture = new CultureScope("en");
        var seat = (await RowAsync("Balcony L", "B"))[0];
        var page = RenderPage();
        await HoldAsync(page, [seat]);

        Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("0:01", page.Find("[data-testid=countdown]").TextContent.Trim()), LoadLimit);
        Assert.Single(page.FindAll("[data-testid=hold-panel]"));
        Assert.Null(Notice(page));
    }

    [Fact]
    public async Task Releasing_frees_the_seats_in_the_database_and_on_the_map()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Balcony C", "D")).Skip(8).Take(2).ToList();
        var page = RenderPage();
        await HoldAsync(page, seats);
        var holdId = Assert.Single(await HoldsOfAsync(MemberId)).Id;

        await Button(page, "Release seats").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=hold-panel]")), LoadLimit);
        Assert.Null(Notice(page));
        foreach (var seat in seats)
        {
            Assert.Equal((SeatStatus.Available, (Guid?)null), await SeatStateAsync(seat.SeatId));
            Assert.DoesNotContain(ClassesOf(page, seat.SeatId), c => c is "mine" or "held");
        }

        var hold = Assert.Single(await HoldsOfAsync(MemberId));
        Assert.Equal((holdId, HoldStatus.Released), (hold.Id, hold.Status));
        Assert.Equal("Hold these seats", Button(page, "Hold these seats").TextContent.Trim());

        // Released is released: the countdown of the gone panel does not report an expiry later. A new hold's
        // countdown, ticking on the same clock past the old hold's end, shows that the old one would have spoken by then.
        Clock.Advance(TimeSpan.FromMinutes(1));
        await HoldAsync(page, seats);
        Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Equal("0:30", page.Find("[data-testid=countdown]").TextContent.Trim()), LoadLimit);
        Assert.Single(page.FindAll("[data-testid=hold-panel]"));
        Assert.Null(Notice(page));
    }

    [Fact]
    public async Task A_seat_someone_else_took_meanwhile_yields_the_just_taken_notice_and_nothing_is_held()
    {
        using var culture = new CultureScope("en");
        var row = await RowAsync("Floor C", "K");
        var (wanted, taken) = (row[0], row[1]);
        var page = RenderPage();
        await Seat(page, wanted.SeatId).ClickAsync(new MouseEventArgs());
        await Seat(page, taken.SeatId).ClickAsync(new MouseEventArgs());

        var otherMember = await NewCustomerAsync($"other-{Guid.NewGuid():N}@example.com");
        var other = await Services.GetRequiredService<HoldService>().HoldSeatsAsync(otherMember, ConcertHallPerformance, [taken.SeatId], Cancellation);
        Assert.Equal(HoldOutcome.Held, other.Outcome);
        await Button(page, "Hold these seats").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(
            $"Just taken by someone else: Floor C K-{taken.Number}. Nothing was held; choose again.",
            Notice(page)), LoadLimit);
        Assert.Empty(page.FindAll("[data-testid=hold-panel]"));
        Assert.Empty(await HoldsOfAsync(MemberId));
        Assert.Contains("held", ClassesOf(page, taken.SeatId));
        Assert.DoesNotContain("selected", ClassesOf(page, taken.SeatId));
        Assert.Equal((SeatStatus.Available, (Guid?)null), await SeatStateAsync(wanted.SeatId));

        // The seat still free stays chosen, so the member can hold it straight away.
        Assert.Contains("selected", ClassesOf(page, wanted.SeatId));
        await Button(page, "Hold these seats").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=hold-panel]")), LoadLimit);
        Assert.Equal([wanted.SeatId], Assert.Single(await HoldsOfAsync(MemberId)).SeatIds);
    }

    [Fact]
    public async Task While_holding_the_map_asks_to_release_before_choosing_more()
    {
        using var culture = new CultureScope("en");
        var row = await RowAsync("Floor A", "T");
        var page = RenderPage();
        await HoldAsync(page, [row[0]]);

        await Seat(page, row[1].SeatId).ClickAsync(new MouseEventArgs());

        Assert.Equal("Release your held seats before choosing others.", Notice(page));
        Assert.DoesNotContain("selected", ClassesOf(page, row[1].SeatId));
    }
}
