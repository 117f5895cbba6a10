using AtTicket.Domain.Queues;
using AtTicket.Web.Components.Queues;

namespace AtTicket.Web.Tests.Components.Queues;

/// <summary>A member far back in line asks less often, but never so seldom that the grace period drops them.</summary>
public sealed class FarPollTests
{
    [Theory]
    [InlineData(120, 15_000)] // the default grace: the slowest pace
    [InlineData(30, 10_000)] // three asks fit in the grace
    [InlineData(10, 3_333)] // the shortest grace allowed
    public void Far_polls_fit_three_times_into_the_grace_period_and_never_exceed_fifteen_seconds(int graceSeconds, int expectedMilliseconds)
    {
        var rules = new QueueRules(DateTimeOffset.UnixEpoch, admitPerMinute: 60, maxShopping: null, grace: TimeSpan.FromSeconds(graceSeconds));

        Assert.Equal(expectedMilliseconds, QueuePage.FarPollMilliseconds(rules));
    }
}
