using AtTicket.Infrastructure.Tests;
using AtTicket.Web.Hosting.Limits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AtTicket.Web.Tests.Limits;

/// <summary>The counters behind every limit: atomic in Redis across nodes, in memory without it, and never failing a request.</summary>
public sealed class LimitCountersTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Two_nodes_on_one_Redis_hand_out_every_count_exactly_once_under_parallel_increments()
    {
        await using var redisA = await ConnectionMultiplexer.ConnectAsync(await TestServices.RedisAsync());
        await using var redisB = await ConnectionMultiplexer.ConnectAsync(await TestServices.RedisAsync());
        var nodes = new[] { Counters(redisA), Counters(redisB) };
        var key = $"test:{Guid.NewGuid():N}";

        var counts = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () => await nodes[i % 2].IncrementAsync(key, Window))));

        Assert.Equal(Enumerable.Range(1, 400).Select(n => (long)n), counts.Select(c => c.Value).Order());
        Assert.All(counts, c => Assert.InRange(c.ExpiresIn, TimeSpan.FromSeconds(1), Window));
        Assert.Equal(400, (await nodes[1].ReadAsync(key)).Value);
        await nodes[0].ResetAsync(key);
        Assert.Equal(0, (await nodes[1].ReadAsync(key)).Value);
    }

    [Fact]
    public async Task Without_a_reachable_Redis_the_counts_go_on_in_memory()
    {
        // Nothing listens on port 1: the multiplexer never connects, as when Redis is down.
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var counters = Counters(redis);
        var key = $"test:{Guid.NewGuid():N}";

        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add((await counters.IncrementAsync(key, Window)).Value);
        }

        Assert.Equal([1, 2, 3], counts);
        Assert.Equal(3, (await counters.ReadAsync(key)).Value);
    }

    [Fact]
    public async Task A_fixed_window_starts_again_when_it_ends_and_a_sliding_one_lives_on_after_each_increment()
    {
        var time = new FakeTimeProvider();
        var counters = new LimitCounters(time, NullLogger<LimitCounters>.Instance);

        await counters.IncrementAsync("fixed", Window);
        await counters.IncrementAsync("sliding", Window, sliding: true);
        time.Advance(TimeSpan.FromSeconds(40));
        await counters.IncrementAsync("fixed", Window);
        var sliding = await counters.IncrementAsync("sliding", Window, sliding: true);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(Window, sliding.ExpiresIn);
        Assert.Equal(0, (await counters.ReadAsync("fixed")).Value);
        Assert.Equal(new LimitCount(2, TimeSpan.FromSeconds(30)), await counters.ReadAsync("sliding"));
        Assert.Equal(1, (await counters.IncrementAsync("fixed", Window)).Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Several_counters_in_one_call_stop_at_the_first_full_one_and_leave_the_later_ones_alone(bool onRedis)
    {
        await using var redis = onRedis ? await ConnectionMultiplexer.ConnectAsync(await TestServices.RedisAsync()) : null;
        var counters = redis is null ? new LimitCounters(TimeProvider.System, NullLogger<LimitCounters>.Instance) : Counters(redis);
        var (first, second) = ($"test:{Guid.NewGuid():N}", $"test:{Guid.NewGuid():N}");

        var answers = new List<(int Index, LimitCount Count)?>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await counters.IncrementUntilOverAsync([(first, 2), (second, 5)], Window));
        }

        Assert.Equal([null, null], answers.Take(2));
        Assert.All(answers.Skip(2), a => Assert.Equal(0, a?.Index));
        Assert.Equal([3L, 4L], answers.Skip(2).Select(a => a!.Value.Count.Value));
        Assert.Equal(4, (await counters.ReadAsync(first)).Value);
        Assert.Equal(2, (await counters.ReadAsync(second)).Value); // the two calls refused by the first were not counted here
        Assert.Equal(0, (await counters.IncrementUntilOverAsync([(second, 2), (first, 9)], Window))?.Index);
        Assert.Equal(4, (await counters.ReadAsync(first)).Value);
    }

    private static LimitCounters Counters(IConnectionMultiplexer redis) =>
        new(TimeProvider.System, NullLogger<LimitCounters>.Instance, redis);
}
