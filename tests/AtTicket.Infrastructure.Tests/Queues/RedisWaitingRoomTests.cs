using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;
using AtTicket.Infrastructure.Tests.Live;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Tests.Queues;

/// <summary>The contract on the test script's Redis, each node with a connection of its own, and a Redis restart.</summary>
public sealed class RedisWaitingRoomTests : WaitingRoomContract, IAsyncDisposable
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    protected override async Task<IWaitingRoom> RoomAsync() => new RedisWaitingRoom(await ConnectAsync(await TestServices.RedisAsync()), Time);

    protected override Task<IWaitingRoom> SecondNodeAsync(IWaitingRoom first) => RoomAsync();

    [Fact]
    public async Task After_a_redis_restart_nobody_is_admitted_and_members_who_were_in_line_are_told_it_began_again()
    {
        await using var server = await PrivateRedis.StartAsync();
        var room = new RedisWaitingRoom(await ConnectAsync(server.Configuration), Time);
        var rules = new QueueRules(Opening, admitPerMinute: null, maxShopping: 1);
        Time.SetUtcNow(Opening);
        await room.JoinAsync(Performance, "shopping", rules, Ct);
        var waiting = await room.JoinAsync(Performance, "waiting", rules, Ct);
        Assert.Equal(1, await room.AdmitAsync(Performance, rules, Ct));
        Assert.True(await room.IsAdmittedAsync(Performance, "shopping", Ct));

        await server.KillAsync();
        await server.StartAgainAsync();
        var afterwards = await Eventually(() => room.PlaceAsync(Performance, "waiting", rules, waiting.Epoch, Ct));

        Assert.Equal(QueueStanding.LineReset, afterwards.Standing);
        Assert.False(await room.IsAdmittedAsync(Performance, "shopping", Ct));
        Assert.Equal(0, await room.AdmitAsync(Performance, rules, Ct));
        var rejoined = await room.JoinAsync(Performance, "waiting", rules, Ct);
        Assert.Equal(QueueStanding.Waiting, rejoined.Standing);
        Assert.NotEqual(waiting.Epoch, rejoined.Epoch);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        _connections.Add(connection);
        return connection;
    }

    /// <summary>The connection comes back on its own after the restart; until then a call fails.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is RedisException or TimeoutException && attempt < 100)
            {
                await Task.Delay(100, Ct);
            }
        }
    }
}
