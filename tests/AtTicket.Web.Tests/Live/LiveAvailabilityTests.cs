using System.Globalization;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Live;
using AtTicket.Web.Components.Live;
using AtTicket.Web.Live;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Live;

/// <summary>
/// The box-office screen of the demo's first performance, on the real services (the in-process bus and
/// the node's feed) over a copy of the demo database, with the clock the test moves.
/// </summary>
public sealed class LiveAvailabilityTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly TimeSpan Interval = LiveSeatSubscription.DefaultInterval;

    [Fact]
    public async Task Shows_each_grades_remaining_seats_and_the_total_from_the_database()
    {
        using var culture = new CultureScope("en");
        var expected = await RemainingAsync();

        var page = RenderLive();

        Assert.Equal(expected, Numbers(page));
        Assert.Equal(expected.Values.Sum().ToString("N0", English), page.Find("[data-testid=live-total] .number").TextContent.Trim());
        Assert.True(expected.Count > 1, "the demo performance has several grades");
    }

    [Fact]
    public async Task Held_seats_lower_their_grades_number_once_the_change_is_announced()
    {
        using var culture = new CultureScope("en");
        var page = RenderLive();
        var before = Numbers(page);
        var grade = before.Keys.First();
        var seats = (await SeatsAsync()).Where(s => s.GradeId == grade).Take(2).Select(s => s.SeatId).ToList();
        var held = await Services.GetRequiredService<HoldService>().HoldSeatsAsync(MemberId, ConcertHallPerformance, seats, Cancellation);
        Assert.NotNull(held.Hold);

        await Services.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(ConcertHallPerformance, seats, Cancellation);
        Assert.Equal(before, Numbers(page)); // batched: nothing before the interval is over
        Clock.Advance(Interval);

        page.WaitForAssertion(() => Assert.Equal(before[grade] - 2, Numbers(page)[grade]), LoadLimit);
        Assert.Equal(before.Where(g => g.Key != grade), Numbers(page).Where(g => g.Key != grade));
        Assert.Equal((before.Values.Sum() - 2).ToString("N0", English), page.Find("[data-testid=live-total] .number").TextContent.Trim());
    }

    [Fact]
    public async Task A_burst_of_500_changes_renders_a_few_times_and_ends_on_the_last_numbers()
    {
        using var culture = new CultureScope("en");
        var page = RenderLive();
        var grades = Numbers(page).Keys.ToList();
        var feed = Services.GetRequiredService<SeatFeed>();
        var first = (await Services.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(ConcertHallPerformance)).Sequence + 1;
        var rendersBefore = page.RenderCount;

        // A flash sale: 500 changes over two and a half intervals, then the last batch's interval.
        var advanced = TimeSpan.Zero;
        for (var k = 1; k <= 500; k++)
        {
            await feed.DeliverAsync(new SeatsChanged(
                ConcertHallPerformance,
                first + k - 1,
                [new SeatStatusChange(k, SeatStatus.Sold)],
                [.. grades.Select((g, i) => new GradeRemaining(g, ((k * 7) + i) % 1000))],
                Clock.GetUtcNow()));
            if (k % 10 == 0)
            {
                Clock.Advance(Interval / 20);
                advanced += Interval / 20;
            }
        }

        var last = grades.Select((g, i) => (g, 500 + i)).ToDictionary(x => x.g, x => x.Item2);

        // The last batch may be applied after the clock moved: a flush still running schedules the next
        // one on the fake clock. Move it on an interval at a time until the page shows the last numbers.
        for (var round = 0; !last.SequenceEqual(Numbers(page)); round++)
        {
            Assert.True(round < 20, "the page did not reach the last numbers");
            Clock.Advance(Interval);
            advanced += Interval;
            await Task.Delay(50, Cancellation);
        }

        var renders = page.RenderCount - rendersBefore;
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"500 changes over {advanced.TotalMilliseconds} ms rendered {renders} times");
        Assert.InRange(renders, 1, 2 * (int)Math.Ceiling(advanced / Interval));
    }

    [Fact]
    public async Task Leaving_the_page_removes_its_listener_from_the_feed()
    {
        var feed = Services.GetRequiredService<SeatFeed>();
        var before = feed.ListenerCount;
        RenderLive();
        Assert.Equal(before + 1, feed.ListenerCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, feed.ListenerCount);
    }

    [Fact]
    public void An_unknown_performance_shows_the_does_not_exist_alert_and_listens_to_nothing()
    {
        using var culture = new CultureScope("en");
        var feed = Services.GetRequiredService<SeatFeed>();
        var before = feed.ListenerCount;

        var page = Render<LiveAvailability>(p => p.Add(x => x.PerformanceId, 987_654));

        page.WaitForAssertion(() => Assert.Contains("This performance does not exist or is not on sale.", page.Find(".mud-alert").TextContent), LoadLimit);
        Assert.Empty(page.FindAll("[data-testid=live-view]"));
        Assert.Equal(before, feed.ListenerCount);
    }

    private IRenderedComponent<LiveAvailability> RenderLive()
    {
        var page = Render<LiveAvailability>(p => p.Add(x => x.PerformanceId, ConcertHallPerformance));
        page.WaitForElement("[data-testid=live-view]", LoadLimit);
        return page;
    }

    /// <summary>Remaining seats per grade id as the page shows them, in the page's order.</summary>
    private static Dictionary<int, int> Numbers(IRenderedComponent<LiveAvailability> page) =>
        page.FindAll("[data-grade-id]").ToDictionary(
            g => int.Parse(g.GetAttribute("data-grade-id")!, CultureInfo.InvariantCulture),
            g => int.Parse(g.QuerySelector("[data-testid=grade-remaining]")!.TextContent.Trim(), NumberStyles.AllowThousands, English));

    /// <summary>Remaining seats per grade id straight from the database, in the catalog's grade order.</summary>
    private async Task<Dictionary<int, int>> RemainingAsync()
    {
        var performance = await Services.GetRequiredService<CatalogReader>().GetPerformanceAsync(ConcertHallPerformance, includeUnpublished: false, Cancellation);
        var remaining = await Services.GetRequiredService<SeatAvailabilityReader>().GetRemainingAsync(ConcertHallPerformance, Cancellation);
        return performance!.Grades.ToDictionary(g => g.Id, g => remaining.Single(r => r.GradeId == g.Id).Remaining);
    }
}
