using Microsoft.AspNetCore.DataProtection;
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

    [Fact]
    public async Task Two_nodes_read_each_others_protected_data_through_redis()
    {
        var configuration = await TestServices.RedisAsync();
        await using var first = BuildServices(configuration);
        await using var second = BuildServices(configuration);
        await using var firstRedis = first.GetRequiredService<IConnectionMultiplexer>();
        await using var secondRedis = second.GetRequiredService<IConnectionMultiplexer>();

        // An antiforgery token or auth cookie made on one node must open on the other behind the load balancer.
        var secret = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("AtTicket.Tests").Protect("member 42");
        var opened = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("AtTicket.Tests").Unprotect(secret);

        Assert.Equal("member 42", opened);

        // Shared through Redis, not through a key folder both test nodes happen to see on this machine.
        Assert.True(await firstRedis.GetDatabase().ListLengthAsync("atticket:data-protection-keys") > 0, "no data-protection key in Redis");
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
