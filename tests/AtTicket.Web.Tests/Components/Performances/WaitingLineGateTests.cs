using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;
using AtTicket.Web.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>While the on-sale runs behind a waiting line, the seat map is for members the line has admitted.</summary>
public sealed class WaitingLineGateTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private QueueRules Rules => new(Clock.GetUtcNow().AddMinutes(-1), admitPerMinute: null, maxShopping: 1);

    [Fact]
    public async Task A_member_the_line_has_not_admitted_is_sent_to_wait_in_it()
    {
        await Services.GetRequiredService<WaitingLines>().SetAsync(ConcertHallPerformance, Rules, Cancellation);

        Render<PerformancePage>(p => p.Add(x => x.Id, ConcertHallPerformance));

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Equal($"http://localhost/queue/{ConcertHallPerformance}", navigation.Uri);
    }

    [Fact]
    public async Task An_admitted_member_sees_the_seat_map_and_how_long_they_may_shop()
    {
        var rules = Rules;
        await Services.GetRequiredService<WaitingLines>().SetAsync(ConcertHallPerformance, rules, Cancellation);
        var room = Services.GetRequiredService<IWaitingRoom>();
        await room.JoinAsync(ConcertHallPerformance, MemberId, rules, Cancellation);
        Assert.Equal(1, await room.AdmitAsync(ConcertHallPerformance, rules, Cancellation));

        var page = RenderPage();

        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("you have 10 minutes left to choose seats and pay", page.Find("[data-testid=shopping-window]").TextContent);
    }

    [Fact]
    public async Task A_guest_sees_the_seat_map_of_a_show_behind_a_line()
    {
        await Services.GetRequiredService<WaitingLines>().SetAsync(ConcertHallPerformance, Rules, Cancellation);
        Authorization.SetNotAuthorized();

        var page = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=shopping-window]"));
    }
}
