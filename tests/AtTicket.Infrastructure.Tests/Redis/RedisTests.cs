using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Tests.Redis;

public sealed class RedisTests
{
    [Fact]
    public async Task The_configured_redis_answers_ping_and_keeps_a_value()
    {
        var configuration = await TestServices.RedisAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = redis.GetDatabase();
        var key = $"atticket:test:{Guid.NewGuid():N}";

        var latency = await db.PingAsync();
        var stored = await db.StringSetAsync(key, "레미제라블 ✓", TimeSpan.FromMinutes(1));
        var read = await db.StringGetAsync(key);
        await db.KeyDeleteAsync(key);

        Assert.True(latency < TimeSpan.FromSeconds(5), $"PING took {latency}");
        Assert.True(stored);
        Assert.Equal("레미제라블 ✓", (string?)read);
    }

    [Fact]
    public async Task Infrastructure_registers_a_connected_multiplexer_when_redis_is_configured()
    {
        var configuration = await TestServices.RedisAsync();
        await using var services = BuildServices(configuration);
        await using var redis = services.GetRequiredService<IConnectionMultiplexer>();

        Assert.True(redis.IsConnected, $"not connected to {configuration}: {redis.GetStatus()}");
        Assert.Same(redis, services.GetRequiredService<IConnectionMultiplexer>());
        Assert.True(await redis.GetDatabase().PingAsync() < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Without_a_redis_connection_string_no_multiplexer_is_registered()
    {
        await using var services = BuildServices(redis: null);

        Assert.Null(services.GetService<IConnectionMultiplexer>());
    }

    /// <summary>
    /// The app's registrations. The container does not dispose the multiplexer (it is registered as an
    /// instance), so each test disposes the one it resolved.
    /// </summary>
    private static ServiceProvider BuildServices(string? redis) =>
        TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Database"] = "Data Source=:memory:",
            ["ConnectionStrings:Redis"] = redis,
        });
}
