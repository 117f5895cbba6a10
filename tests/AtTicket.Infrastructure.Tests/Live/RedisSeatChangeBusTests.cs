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
    public async Task A_change_published_on_one_node_reaches_the_listeners_of_both_in_order_with_the_seats_latest_states()
    {
        var (a, b) = await TwoNodesAsync();
        var performance = await Bookings.BookingData.OnSaleAsync(a);
        var seats = Enumerable.Range(1, 4).Select(n => performance.Hall.Seat('A', n)).ToList();
        var (onA, onB) = (new RecordingListener(), new RecordingListener());
        using var subscriptionA = a.GetRequiredService<SeatFeed>().Subscribe(performance.Id, onA);
        using var subscriptionB = b.GetRequiredService<SeatFeed>().Subscribe(performance.Id, onB);
        var bus = a.GetRequiredService<ISeatChangeBus>();
        var first = (await bus.CurrentSequenceAsync(performance.Id)).Sequence + 1;

        // Seat by seat, held then available again, each fact newer than the last about its seat;
        // six rounds of four, so the last round gives every seat back.
        const int changes = 24;
        var published = new List<SeatStatus>();
        for (var i = 0; i < changes; i++)
        {
            var status = i / 4 % 2 == 0 ? SeatStatus.Held : SeatStatus.Available;
            await bus.PublishAsync(performance.Id, [new SeatFact(seats[i % 4], performance.GradeId, status, DateTimeOffset.UtcNow.AddMinutes(5), 100 + i)], reload: false, DateTimeOffset.UtcNow);
            published.Add(status);
        }

        var received = await onB.WaitForChangesAsync(changes, "node B");
        await onA.WaitForChangesAsync(changes, "node A");

        Assert.IsType<RedisSeatChangeBus>(bus);
        var expected = Enumerable.Range(0, changes).Select(n => first + n).ToList();
        Assert.Equal<long>(expected, onB.Sequences);
        Assert.Equal<long>(expected, onA.Sequences);
        Assert.Equal(published, received.Select(c => Assert.Single(c.Seats).Status));
        Assert.Equal(4, received[3].Grades.Single().Remaining); // four of eight held after the first round
        Assert.Equal(8, received[^1].Grades.Single().Remaining);
        Assert.Equal(first + changes - 1, (await b.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(performance.Id)).Sequence);
        WriteLatency("one publisher, one change at a time", a, b);
    }

    /// <summary>Numbering and publishing are one Redis step: no change overtakes a lower-numbered one on its way to any node.</summary>
    [Fact]
    public async Task Two_hundred_changes_from_both_nodes_at_once_reach_each_node_in_number_order_one_to_two_hundred()
    {
        var (a, b) = await TwoNodesAsync();
        var performanceId = NewPerformance();
        var (onA, onB) = (new RecordingListener(), new RecordingListener());
        using var subscriptionA = a.GetRequiredService<SeatFeed>().Subscribe(performanceId, onA);
        using var subscriptionB = b.GetRequiredService<SeatFeed>().Subscribe(performanceId, onB);
        var buses = new[] { a.GetRequiredService<ISeatChangeBus>(), b.GetRequiredService<ISeatChangeBus>() };

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(
            () => buses[i % 2].PublishAsync(performanceId, Facts(i + 1), reload: false, DateTimeOffset.UtcNow),
            Ct)));

        await onA.WaitForChangesAsync(200, "node A");
        await onB.WaitForChangesAsync(200, "node B");
        var expected = Enumerable.Range(1, 200).Select(n => (long)n).ToList();
        Assert.Equal<long>(expected, onA.Sequences);
        Assert.Equal<long>(expected, onB.Sequences);
        Assert.Equal(200, (await buses[1].CurrentSequenceAsync(performanceId)).Sequence);
        Assert.Equal(0, onA.Resyncs + onB.Resyncs);

        WriteLatency("two publishers, 200 changes at once", a, b);
    }

    /// <summary>Redis lost the performance's counter (FLUSHDB, eviction): the next change starts a new epoch, and listeners reload rather than wait for a number above the old one.</summary>
    [Fact]
    public async Task A_lost_counter_starts_a_new_epoch_and_listeners_reload_instead_of_going_silent()
    {
        var (a, b) = await TwoNodesAsync();
        var performanceId = NewPerformance();
        var onB = new RecordingListener();
        using var subscription = b.GetRequiredService<SeatFeed>().Subscribe(performanceId, onB);
        var bus = a.GetRequiredService<ISeatChangeBus>();
        for (var i = 0; i < 5; i++)
        {
            await bus.PublishAsync(performanceId, Facts(i + 1), reload: false, DateTimeOffset.UtcNow);
        }

        await onB.WaitForChangesAsync(5, "node B before the reset");
        var before = await bus.CurrentSequenceAsync(performanceId);
        await a.GetRequiredService<IConnectionMultiplexer>().GetDatabase().KeyDeleteAsync($"atticket:performance:{performanceId}:live");

        var number = await bus.PublishAsync(performanceId, Facts(9), reload: false, DateTimeOffset.UtcNow);

        Assert.Equal(1, number);
        await Within.UntilAsync(() => onB.Resyncs > 0, () => "node B's listener was not told to reload after the new epoch began");
        var after = await bus.CurrentSequenceAsync(performanceId);
        Assert.NotEqual(before.Epoch, after.Epoch);
        Assert.Equal(1, (await b.GetRequiredService<LiveSnapshotReader>().ReadAsync(performanceId, Ct)).Sequence);
        Assert.Equal(1, b.GetRequiredService<SeatFeed>().LastDelivered(performanceId));
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
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal($"atticket:performance:{performanceId}"), "epoch|1|{ not json");
        await bus.PublishAsync(performanceId, Facts(), reload: false, DateTimeOffset.UtcNow);

        await listener.WaitForChangesAsync(1, "node A");
        Assert.Equal([1L], listener.Sequences);
    }

    [Fact]
    public async Task A_performance_nobody_changed_is_at_sequence_zero_of_no_epoch()
    {
        var (a, _) = await TwoNodesAsync();

        Assert.Equal(LiveSequence.Unknown, await a.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(NewPerformance()));
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
            await redis.GetDatabase().KeyDeleteAsync($"atticket:performance:{id}:live");
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
}
