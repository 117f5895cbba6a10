using AtTicket.Domain.Bookings;
using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Live;
using AtTicket.Web.Components.Performances;
using AtTicket.Web.Components.SeatMap;
using AtTicket.Web.Live;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Live;

/// <summary>
/// The customer's seat map follows the node's feed: on the real services (in-process bus), over a copy
/// of the demo database, with the clock the test moves past the batching interval.
/// </summary>
public sealed class LiveSeatMapTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly TimeSpan Interval = LiveSeatSubscription.DefaultInterval;

    [Fact]
    public async Task Someone_elses_hold_turns_the_seat_held_and_lowers_the_grades_count_and_their_release_turns_it_back()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        var seat = (await SeatsAsync())[10];
        var left = LeftOf(page, seat.GradeName);
        var other = await NewCustomerAsync("other@atticket.test");
        var holds = Services.GetRequiredService<HoldService>();

        var held = await holds.HoldSeatsAsync(other, ConcertHallPerformance, [seat.SeatId], Cancellation);
        Clock.Advance(Interval);

        page.WaitForAssertion(() => Assert.Contains("held", ClassesOf(page, seat.SeatId)), LoadLimit);
        Assert.Equal(left - 1, LeftOf(page, seat.GradeName));

        await holds.ReleaseAsync(held.Hold!.Id, other, Cancellation);
        Clock.Advance(Interval);

        page.WaitForAssertion(() => Assert.DoesNotContain("held", ClassesOf(page, seat.SeatId)), LoadLimit);
        Assert.Equal(left, LeftOf(page, seat.GradeName));
    }

    [Fact]
    public async Task A_picked_seat_someone_else_takes_is_dropped_from_the_selection_and_flagged()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        var seat = (await SeatsAsync())[20];
        await Seat(page, seat.SeatId).ClickAsync(new MouseEventArgs());
        Assert.Contains("selected", ClassesOf(page, seat.SeatId));

        await Services.GetRequiredService<HoldService>().HoldSeatsAsync(await NewCustomerAsync("quick@atticket.test"), ConcertHallPerformance, [seat.SeatId], Cancellation);
        Clock.Advance(Interval);

        page.WaitForAssertion(() => Assert.Contains("just-taken", ClassesOf(page, seat.SeatId)), LoadLimit);
        Assert.DoesNotContain("selected", ClassesOf(page, seat.SeatId));
        Assert.Contains("held", ClassesOf(page, seat.SeatId));
        Assert.StartsWith("Just taken by someone else:", Notice(page));
    }

    [Fact]
    public async Task The_members_own_hold_is_not_reported_as_taken_by_someone_else()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        var seats = (await SeatsAsync()).Skip(30).Take(2).ToList();

        await HoldAsync(page, seats);
        Clock.Advance(Interval);

        page.WaitForAssertion(() => Assert.All(seats, s => Assert.Contains("mine", ClassesOf(page, s.SeatId))), LoadLimit);
        Assert.Null(Notice(page));
    }

    [Fact]
    public async Task A_burst_of_500_changes_renders_the_map_a_few_times_and_ends_on_the_exact_states()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        var map = page.FindComponent<SeatMapView>();
        var seats = (await SeatsAsync()).Take(250).ToList();
        var feed = Services.GetRequiredService<SeatFeed>();
        var first = (await Services.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(ConcertHallPerformance)).Sequence + 1;
        var rendersBefore = map.RenderCount;

        // A flash sale: every seat held, then half of them sold, 500 changes over about three intervals.
        var advanced = TimeSpan.Zero;
        for (var k = 0; k < 500; k++)
        {
            var seat = seats[k % seats.Count];
            var status = k < seats.Count || seat.Number % 2 == 1 ? SeatStatus.Held : SeatStatus.Sold;
            await feed.DeliverAsync(new SeatsChanged(ConcertHallPerformance, first + k, [new SeatStatusChange(seat.SeatId, status)], [], Clock.GetUtcNow()));
            if (k % 10 == 9)
            {
                Clock.Advance(Interval / 20);
                advanced += Interval / 20;
            }
        }

        // The last batch may be applied after the clock moved: a flush still running schedules the next
        // one on the fake clock. Move it on an interval at a time until the map shows the final states.
        for (var round = 0; !ShowsFinalStates(); round++)
        {
            Assert.True(round < 20, "the seat map did not reach the final states");
            Clock.Advance(Interval);
            advanced += Interval;
            await Task.Delay(50, Cancellation);
        }

        var renders = map.RenderCount - rendersBefore;
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"500 changes over {advanced.TotalMilliseconds} ms rendered the seat map {renders} times");
        Assert.InRange(renders, 1, 2 * (int)Math.Ceiling(advanced / Interval));

        bool ShowsFinalStates() => seats.All(s => ClassesOf(page, s.SeatId).Contains(s.Number % 2 == 1 ? "held" : "sold"));
    }

    [Fact]
    public async Task Leaving_the_page_stops_listening()
    {
        var feed = Services.GetRequiredService<SeatFeed>();
        var before = feed.ListenerCount;
        RenderPage();
        Assert.Equal(before + 1, feed.ListenerCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, feed.ListenerCount);
    }

    /// <summary>The legend's "(N left)" of a grade.</summary>
    private static int LeftOf(IRenderedComponent<PerformancePage> page, string gradeName)
    {
        var item = page.FindAll(".seat-legend .item").Single(i => i.QuerySelector("strong")?.TextContent.Trim() == gradeName);
        var text = item.QuerySelector(".left")!.TextContent;
        return int.Parse(new string([.. text.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }
}
