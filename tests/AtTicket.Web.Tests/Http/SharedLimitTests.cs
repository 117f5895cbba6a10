using System.Net;
using System.Net.Http.Json;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Tests;
using AtTicket.Web.Hosting.Limits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AtTicket.Web.Tests.Http;

/// <summary>Two app nodes on one SQLite file that share the real Redis, as two servers behind nginx do.</summary>
public sealed class TwoNodesOnRedis : TwoNodesOnOneFile
{
    public const int MailsPerAddress = 10;
    public const int LoginsPerAccount = 20;

    protected override Task<Dictionary<string, string>> SettingsAsync() => OnRedisAsync(new()
    {
        ["RateLimits:AccountMails:PerAddress"] = MailsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:AccountMails:PerMember"] = "1000",
        ["RateLimits:Logins:PerMember"] = LoginsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}

/// <summary>
/// With Redis configured the limits count once for all nodes, not once per node: parallel requests spread over
/// both nodes get exactly the configured number through. Redis outlives a test run, so each test uses client
/// addresses and accounts no earlier run used.
/// </summary>
public sealed class SharedLimitTests(TwoNodesOnRedis nodes) : IClassFixture<TwoNodesOnRedis>
{
    private const int Requests = 40;

    [Fact]
    public async Task The_address_limit_holds_across_both_nodes_under_parallel_requests()
    {
        var peer = RandomPeer();

        var answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            using var client = (i % 2 == 0 ? nodes.A : nodes.B).NewClient(peer);
            using var response = await client.PostAsJsonAsync("/api/auth/forgotPassword", new { email = $"nobody-{Guid.NewGuid():N}@atticket.test" }, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));

        Assert.Equal(TwoNodesOnRedis.MailsPerAddress, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Requests - TwoNodesOnRedis.MailsPerAddress, answers.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_account_limit_holds_across_both_nodes_under_parallel_requests()
    {
        const string password = "Shared!2345";
        var email = await MemberAsync(password);

        var answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            using var client = (i % 2 == 0 ? nodes.A : nodes.B).NewClient(RandomPeer());
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));

        Assert.Equal(TwoNodesOnRedis.LoginsPerAccount, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Requests - TwoNodesOnRedis.LoginsPerAccount, answers.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Failed_logins_on_one_node_slow_the_client_down_on_the_other()
    {
        var email = await MemberAsync("Shared!2345");
        var peer = RandomPeer();

        // Alternating nodes: five failures on each, free on either node alone. Shared, the sixth failure
        // starts a back-off (1 s, then 2 s, 4 s ... while attempts keep failing) in which an attempt is refused
        // unchecked; ten more attempts, however slow the machine, meet a wait longer than the time between them.
        var answers = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 16; attempt++)
        {
            using var client = (attempt % 2 == 0 ? nodes.A : nodes.B).NewClient(peer);
            using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = $"Wrong!{attempt}" }, TestContext.Current.CancellationToken);
            answers.Add(wrong.StatusCode);
        }

        Assert.All(answers.Take(6), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, answers.Skip(6));
    }

    [Fact]
    public async Task A_throttled_client_is_kept_in_redis_by_a_keyed_hash_of_its_address_never_the_address()
    {
        var email = await MemberAsync("Shared!2345");
        var peer = RandomPeer();
        var last = HttpStatusCode.OK;
        for (var attempt = 1; attempt <= 16 && last != HttpStatusCode.TooManyRequests; attempt++)
        {
            using var client = (attempt % 2 == 0 ? nodes.A : nodes.B).NewClient(peer);
            using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = $"Wrong!{attempt}" }, TestContext.Current.CancellationToken);
            last = wrong.StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        var hashed = nodes.A.Services.GetRequiredService<ClientAddresses>().KeyOf(peer);
        Assert.Equal(hashed, nodes.B.Services.GetRequiredService<ClientAddresses>().KeyOf(peer));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await TestServices.RedisAsync());
        var keys = redis.GetServers()[0].Keys(pattern: "atticket:limits:*").Select(k => k.ToString()).ToList();
        Assert.Contains(keys, k => k.StartsWith($"atticket:limits:login:address:{hashed}", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.Contains(peer.ToString(), StringComparison.Ordinal));
    }

    /// <summary>An address in 172.16.0.0/12 picked at random, so a count left in Redis by an earlier run does not meet it.</summary>
    private static IPAddress RandomPeer() =>
        new([172, (byte)Random.Shared.Next(16, 32), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);

    private async Task<string> MemberAsync(string password)
    {
        var email = $"shared-{Guid.NewGuid():N}@atticket.test";
        await using var scope = nodes.A.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>()
            .CreateAsync(new Member { UserName = email, Email = email, DisplayName = "Shared Tester", EmailConfirmed = true }, password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        return email;
    }
}
