using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Catalog;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static AtTicket.Infrastructure.Tests.Live.LiveParts;

namespace AtTicket.Infrastructure.Tests.Live;

/// <summary>
/// Two app nodes (their own containers, Redis connections, feeds and hosted services) on the real Redis.
/// Each test numbers a performance id no other run uses, and deletes its counter afterwards.
/// </summary>
public sealed class RedisSeatChangeBusTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>, IAsyncLifetime
{
    private readonly List<int> _performances = [];
    private RedisNodes? _nodes;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_change_published_on_one_node_reaches_the_listeners_of_both_in_order()
    {
        var (a, b) = await TwoNodesAsync();
        var performanceId = NewPerformance();
        var (onA, onB) = (new RecordingListener(), new RecordingListener());
        using var subscriptionA = a.GetRequiredService<SeatFeed>().Subscribe(performanceId, onA);
        using var subscriptionB = b.GetRequiredService<SeatFeed>().Subscribe(performanceId, onB);
        var bus = a.GetRequiredService<ISeatChangeBus>();

        List<SeatsChanged> published = [];
        for (var i = 0; i < 20; i++)
        {
            var change = new SeatsChanged(
                performanceId,
                await bus.NextSequenceAsync(performanceId),
                [new SeatStatusChange(100 + i, SeatStatus.Held), new SeatStatusChange(200 + i, SeatStatus.Sold)],
                [new GradeRemaining(3, 500 - i), new GradeRemaining(4, 20)],
                DateTimeOffset.UtcNow);
            await bus.PublishAsync(change);
            published.Add(change);
        }

        var received = await onB.WaitForChangesAsync(20, "node B");
        await onA.WaitForChangesAsync(20, "node A");

        Assert.IsType<RedisSeatChangeBus>(bus);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), onB.Sequences);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), onA.Sequences);
        Assert.Equal(published.Select(Describe), received.Select(Describe));
        Assert.Equal(20, await b.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(performanceId));
        WriteLatency("one publisher, one change at a time", a, b);
    }

    [Fact]
    public async Task Two_hundred_changes_from_both_nodes_at_once_reach_each_node_numbered_one_to_two_hundred()
    {
        var (a, b) = await TwoNodesAsync();
        var performanceId = NewPerformance();
        var (onA, onB) = (new RecordingListener(), new RecordingListener());
        using var subscriptionA = a.GetRequiredService<SeatFeed>().Subscribe(performanceId, onA);
        using var subscriptionB = b.GetRequiredService<SeatFeed>().Subscribe(performanceId, onB);
        var buses = new[] { a.GetRequiredService<ISeatChangeBus>(), b.GetRequiredService<ISeatChangeBus>() };

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(
            async () =>
            {
                var bus = buses[i % 2];
                await bus.PublishAsync(Change(performanceId, await bus.NextSequenceAsync(performanceId)));
            },
            Ct)));

        await onA.WaitForChangesAsync(200, "node A");
        await onB.WaitForChangesAsync(200, "node B");
        var expected = Enumerable.Range(1, 200).Select(n => (long)n).ToList();
        Assert.Equal(expected, onA.Sequences.Order());
        Assert.Equal(expected, onB.Sequences.Order());
        Assert.Equal(200, await buses[1].CurrentSequenceAsync(performanceId));

        WriteLatency("two publishers, 200 changes at once", a, b);
    }

    [Fact]
    public async Task An_unreadable_message_on_the_channel_is_skipped_and_the_next_one_delivered()
    {
        var (a, _) = await TwoNodesAsync();
        var performanceId = NewPerformance();
        var listener = new RecordingListener();
        using var subscription = a.GetRequiredService<SeatFeed>().Subscribe(performanceId, listener);
        var bus = a.GetRequiredService<ISeatChangeBus>();
        var redis = a.GetRequiredService<IConnectionMultiplexer>();

        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal($"atticket:performance:{performanceId}"), "{ not json");
        await bus.PublishAsync(Change(performanceId, await bus.NextSequenceAsync(performanceId)));

        await listener.WaitForChangesAsync(1, "node A");
        Assert.Equal([1L], listener.Sequences);
    }

    [Fact]
    public async Task A_performance_nobody_changed_is_at_sequence_zero()
    {
        var (a, _) = await TwoNodesAsync();

        Assert.Equal(0, await a.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(NewPerformance()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_nodes is null)
        {
            return;
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(await TestServices.RedisAsync());
        foreach (var id in _performances)
        {
            await redis.GetDatabase().KeyDeleteAsync($"atticket:performance:{id}:sequence");
        }

        await _nodes.DisposeAsync();
    }

    private async Task<(IServiceProvider A, IServiceProvider B)> TwoNodesAsync()
    {
        _nodes = await RedisNodes.CreateAsync(await databases.GetAsync(DatabaseProvider.Sqlite));
        return (await _nodes.NewNodeAsync(), await _nodes.NewNodeAsync());
    }

    private int NewPerformance()
    {
        var id = FreshPerformanceId();
        _performances.Add(id);
        return id;
    }

    /// <summary>Each node's own measure, from the publisher's stamp to the hand-over to its feed.</summary>
    private static void WriteLatency(string what, params IServiceProvider[] nodes)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            var metrics = nodes[i].GetRequiredService<LiveMetrics>();
            Assert.NotNull(metrics.LatencyPercentile(50));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{what}: node {(char)('A' + i)} delivered {metrics.Delivered}, latency p50 {metrics.LatencyPercentile(50):0.###} ms, p99 {metrics.LatencyPercentile(99):0.###} ms");
        }
    }

    private static string Describe(SeatsChanged change) =>
        $"{change.PerformanceId}#{change.Sequence} seats {string.Join(",", change.Seats.Select(s => $"{s.SeatId}:{s.Status}"))} "
        + $"grades {string.Join(",", change.Grades.Select(g => $"{g.GradeId}:{g.Remaining}"))} at {change.PublishedAt.UtcTicks}";
}
