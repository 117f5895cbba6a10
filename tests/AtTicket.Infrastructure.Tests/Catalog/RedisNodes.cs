using System.Diagnostics;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Tests.Catalog;

/// <summary>
/// App nodes on one test database that share the real Redis, each with its own container, memory cache
/// and subscriptions: the registrations of <see cref="TestDatabase.BuildServices"/> with
/// ConnectionStrings:Redis set. One change: the cache keys live under a prefix of their own, because
/// other test databases on the same Redis have products with the same ids (their "product:1" must never
/// answer for ours). On dispose the nodes go and only this prefix's keys are deleted; nothing is flushed.
/// </summary>
internal sealed class RedisNodes : IAsyncDisposable
{
    private readonly List<ServiceProvider> _nodes = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly string _redis;

    private RedisNodes(TestDatabase database, string redis)
    {
        _redis = redis;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ServerVersion"] = database.Provider == DatabaseProvider.MySql ? TestDatabase.MariaDbServerVersion : null,
            ["ConnectionStrings:Database"] = database.ConnectionString,
            ["ConnectionStrings:Redis"] = redis,
        };
    }

    /// <summary>The L2 key prefix these nodes share (the app's own is "atticket:cache:").</summary>
    public string InstanceName { get; } = $"atticket:test-cache:{Guid.NewGuid():N}:";

    /// <summary>Skips or fails (see <see cref="TestServices"/>) when no Redis is configured.</summary>
    public static async Task<RedisNodes> CreateAsync(TestDatabase database) => new(database, await TestServices.RedisAsync());

    /// <summary>
    /// Another node: its own services, memory cache and Redis connection on the same database and Redis,
    /// with its hosted services started as the web host starts them.
    /// </summary>
    public async Task<ServiceProvider> NewNodeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration);
        services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>();
        services.PostConfigure<RedisCacheOptions>(options => options.InstanceName = InstanceName);
        var node = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _nodes.Add(node);
        foreach (var hosted in node.GetServices<IHostedService>())
        {
            await hosted.StartAsync(TestContext.Current.CancellationToken);
        }

        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            foreach (var hosted in node.GetServices<IHostedService>().Reverse())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await node.DisposeAsync();
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis);
        var db = redis.GetDatabase();
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: InstanceName + "*"))
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }
}

/// <summary>Waiting for something another node announces over Redis, without fixed sleeps.</summary>
internal static class Eventually
{
    /// <summary>How long a pub/sub message may take to reach another node before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads until <paramref name="isFresh"/> holds (returning that read) or fails after <see cref="Timeout"/>.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> isFresh, string what, Func<T, string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (isFresh(value))
            {
                return value;
            }

            if (clock.Elapsed > Timeout)
            {
                Assert.Fail(
                    $"{what}: still stale {Timeout.TotalSeconds:0} s after the edit on the other node returned. "
                    + $"The cache invalidation did not reach this node's memory cache. Last read: {describe(value)}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
