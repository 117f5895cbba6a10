using AtTicket.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using static AtTicket.Infrastructure.Tests.Live.LiveParts;

namespace AtTicket.Infrastructure.Tests.Live;

/// <summary>Redis goes away and comes back (a crash, a failover): the node's pages must reload, then keep receiving.</summary>
public sealed class RedisRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_redis_restarts_every_listener_reloads_and_new_changes_arrive_numbered_from_one_again()
    {
        await using var server = await PrivateRedis.StartAsync();
        var options = ConfigurationOptions.Parse(server.Configuration);
        options.AbortOnConnectFail = false; // as the app connects
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var feed = Feed();
        RedisSeatChangeBus? bus = null;
        bus = new RedisSeatChangeBus(redis, States(feed, () => bus!), NullLogger<RedisSeatChangeBus>.Instance);
        await bus.StartAsync(Ct);
        var (listener, everything) = (new RecordingListener(), new RecordingListener());
        using var subscription = feed.Subscribe(42, listener);
        using var all = feed.SubscribeAll(everything);

        await bus.PublishAsync(42, Facts(1), reload: false, DateTimeOffset.UtcNow);
        await listener.WaitForChangesAsync(1, "before the restart");
        Assert.Equal(0, listener.Resyncs);

        await server.KillAsync();
        await server.StartAgainAsync();
        await Within.UntilAsync(() => listener.Resyncs > 0 && everything.Resyncs > 0, () => $"No resync after Redis came back (listener {listener.Resyncs}, all {everything.Resyncs}; {redis.GetStatus()}).");

        // The restarted Redis kept nothing: the counter starts again, and the listeners reloaded to it.
        var sequence = await RetryAsync(() => bus.PublishAsync(42, Facts(2), reload: false, DateTimeOffset.UtcNow));
        var changes = await listener.WaitForChangesAsync(2, "after the restart");

        Assert.Equal(1, sequence);
        Assert.Equal([(1L, 1), (1L, 2)], changes.Select(c => (c.Sequence, c.Seats[0].SeatId)));
        Assert.Equal(1, (await bus.CurrentSequenceAsync(42)).Sequence);
        await bus.StopAsync(Ct);
    }

    [Fact]
    public async Task A_node_started_while_redis_is_down_receives_changes_once_redis_is_up()
    {
        await using var server = await PrivateRedis.StartAsync();
        await server.KillAsync();
        var options = ConfigurationOptions.Parse(server.Configuration);
        options.AbortOnConnectFail = false; // as the app connects: start anyway, connect in the background
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var feed = Feed();
        RedisSeatChangeBus? bus = null;
        bus = new RedisSeatChangeBus(redis, States(feed, () => bus!), NullLogger<RedisSeatChangeBus>.Instance);
        var listener = new RecordingListener();
        using var subscription = feed.Subscribe(42, listener);

        await bus.StartAsync(Ct); // does not throw, nor wait for Redis
        await server.StartAgainAsync();
        await Within.UntilAsync(() => listener.Resyncs > 0, () => $"The node did not subscribe (and have its listeners reload) after Redis came up: {redis.GetStatus()}");
        await RetryAsync(() => bus.PublishAsync(42, Facts(), reload: false, DateTimeOffset.UtcNow));

        Assert.Equal([1L], (await listener.WaitForChangesAsync(1, "after Redis came up")).Select(c => c.Sequence));
        await bus.StopAsync(Ct);
    }

    /// <summary>The interactive connection may come back a moment after the subscription did.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> operation)
    {
        var deadline = DateTime.UtcNow + Within.Timeout;
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when ((e is RedisException or TimeoutException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Ct);
            }
        }
    }
}
