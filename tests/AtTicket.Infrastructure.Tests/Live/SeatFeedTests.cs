using AtTicket.Infrastructure.Live;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Live.LiveParts;

namespace AtTicket.Infrastructure.Tests.Live;

public sealed class SeatFeedTests
{
    [Fact]
    public async Task A_change_reaches_the_listeners_of_its_performance_and_of_every_performance_only()
    {
        var feed = Feed();
        var (first, second, other, everything) = (new RecordingListener(), new RecordingListener(), new RecordingListener(), new RecordingListener());
        using var s1 = feed.Subscribe(1, first);
        using var s2 = feed.Subscribe(1, second);
        using var s3 = feed.Subscribe(2, other);
        using var s4 = feed.SubscribeAll(everything);

        await feed.DeliverAsync(Change(1, sequence: 1));
        await feed.DeliverAsync(Change(2, sequence: 1));
        await feed.DeliverAsync(Change(3, sequence: 1));

        Assert.Equal([(1, 1L)], first.Changes.Select(c => (c.PerformanceId, c.Sequence)));
        Assert.Equal([(1, 1L)], second.Changes.Select(c => (c.PerformanceId, c.Sequence)));
        Assert.Equal([(2, 1L)], other.Changes.Select(c => (c.PerformanceId, c.Sequence)));
        Assert.Equal([1, 2, 3], everything.Changes.Select(c => c.PerformanceId));
        Assert.Equal(4, feed.ListenerCount);
    }

    [Fact]
    public async Task Disposing_a_subscription_removes_its_listener_and_disposing_twice_is_harmless()
    {
        var feed = Feed();
        var (listener, everything) = (new RecordingListener(), new RecordingListener());
        var subscription = feed.Subscribe(1, listener);
        var all = feed.SubscribeAll(everything);
        Assert.Equal(2, feed.ListenerCount);

        subscription.Dispose();
        subscription.Dispose();
        all.Dispose();
        all.Dispose();
        await feed.DeliverAsync(Change(1, sequence: 1));
        await feed.ResyncAllAsync();

        Assert.Equal(0, feed.ListenerCount);
        Assert.Empty(listener.Changes);
        Assert.Empty(everything.Changes);
        Assert.Equal(0, listener.Resyncs + everything.Resyncs);
    }

    [Fact]
    public async Task The_same_listener_subscribed_twice_keeps_listening_until_both_subscriptions_are_disposed()
    {
        var feed = Feed();
        var listener = new RecordingListener();
        var first = feed.Subscribe(1, listener);
        var second = feed.Subscribe(1, listener);

        first.Dispose();
        first.Dispose();
        await feed.DeliverAsync(Change(1, sequence: 1));

        Assert.Equal(1, feed.ListenerCount);
        Assert.Single(listener.Changes);

        second.Dispose();
        Assert.Equal(0, feed.ListenerCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failing_listener_does_not_stop_delivery_or_resync_to_the_others(bool throwsSynchronously)
    {
        var feed = Feed();
        var failing = new ThrowingListener(throwsSynchronously);
        var (after, everything) = (new RecordingListener(), new RecordingListener());
        using var s1 = feed.Subscribe(1, failing);
        using var s2 = feed.Subscribe(1, after);
        using var s3 = feed.SubscribeAll(everything);

        await feed.DeliverAsync(Change(1, sequence: 1));
        await feed.DeliverAsync(Change(1, sequence: 2));
        await feed.ResyncAllAsync();

        Assert.Equal(3, failing.Calls);
        Assert.Equal([1L, 2L], after.Sequences);
        Assert.Equal([1L, 2L], everything.Sequences);
        Assert.Equal((1, 1), (after.Resyncs, everything.Resyncs));
    }

    [Fact]
    public async Task Ten_thousand_pages_opened_and_closed_leave_no_listener_behind()
    {
        var feed = Feed();
        var stays = new RecordingListener();
        using var staying = feed.Subscribe(1, stays);

        for (var i = 0; i < 10_000; i++)
        {
            feed.Subscribe(1 + (i % 7), new RecordingListener()).Dispose();
        }

        // Pages open and close on many circuits at once.
        Parallel.For(0, 10_000, i =>
        {
            using var subscription = i % 10 == 0 ? feed.SubscribeAll(new RecordingListener()) : feed.Subscribe(1 + (i % 7), new RecordingListener());
        });
        await feed.DeliverAsync(Change(1, sequence: 1));

        Assert.Equal(1, feed.ListenerCount);
        Assert.Single(stays.Changes);
    }

    [Fact]
    public async Task Resync_reaches_every_listener_once()
    {
        var feed = Feed();
        var listeners = Enumerable.Range(0, 5).Select(_ => new RecordingListener()).ToList();
        using var s1 = feed.Subscribe(1, listeners[0]);
        using var s2 = feed.Subscribe(1, listeners[1]);
        using var s3 = feed.Subscribe(2, listeners[2]);
        using var s4 = feed.Subscribe(3, listeners[3]);
        using var s5 = feed.SubscribeAll(listeners[4]);

        await feed.ResyncAllAsync();

        Assert.All(listeners, l => Assert.Equal(1, l.Resyncs));
    }

    [Fact]
    public void Subscribing_to_performance_zero_or_below_is_refused()
    {
        var feed = Feed();

        Assert.Throws<ArgumentOutOfRangeException>(() => feed.Subscribe(0, new RecordingListener()));
        Assert.Throws<ArgumentOutOfRangeException>(() => feed.Subscribe(-4, new RecordingListener()));
        Assert.Equal(0, feed.ListenerCount);
    }

    [Fact]
    public async Task Each_delivery_records_the_time_since_publishing_in_the_metrics()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 1, 10, 0, 0, TimeSpan.Zero));
        var metrics = Metrics();
        var feed = Feed(clock, metrics);
        Assert.Null(metrics.LatencyPercentile(50));

        for (var ms = 1; ms <= 100; ms++)
        {
            await feed.DeliverAsync(Change(1, ms, publishedAt: clock.GetUtcNow().AddMilliseconds(-ms)));
        }

        Assert.Equal(100, metrics.Delivered);
        Assert.Equal(50, metrics.LatencyPercentile(50));
        Assert.Equal(99, metrics.LatencyPercentile(99));
        Assert.Equal(100, metrics.LatencyPercentile(100));
        Assert.Equal(1, metrics.LatencyPercentile(0));
    }
}
