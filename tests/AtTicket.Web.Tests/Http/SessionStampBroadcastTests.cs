using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Web.Components.Account.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Web.Tests.Http.SessionEndTests;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Two nodes on one SQLite file and the real Redis that keep each member's security stamp for an hour, as a
/// flash sale's nodes would keep it for the configured interval: only the broadcast can end a session sooner.
/// </summary>
public sealed class TwoStampCachingNodesOnRedis : TwoNodesOnOneFile
{
    public const int StampCheckSeconds = 3600;

    protected override Task<Dictionary<string, string>> SettingsAsync() => OnRedisAsync(new()
    {
        ["Sessions:StampCheckSeconds"] = StampCheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}

/// <summary>
/// A node keeps security stamps in memory (a flash sale's bearer calls read none from the database); a stamp
/// changed on one node is dropped on that node at once and on the others through Redis, and a node that missed
/// the news still notices when its copy's interval ends.
/// </summary>
public sealed class SessionStampBroadcastTests(TwoStampCachingNodesOnRedis nodes) : IClassFixture<TwoStampCachingNodesOnRedis>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logging_out_on_one_node_ends_the_token_on_the_other_although_it_had_the_stamp_in_memory()
    {
        var email = await RegisterAsync(nodes.A);
        var tokens = await LogInAsync(nodes.A, email, Password);
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.B, tokens.AccessToken)); // node B now holds the stamp

        using var client = Client(nodes.A, tokens.AccessToken);
        using var logout = await client.PostAsync("/api/auth/logout", content: null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.A, tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnceTheNewsArrivedAsync(nodes.B, tokens.AccessToken));
    }

    [Fact]
    public async Task A_password_change_ends_the_old_token_at_once_on_the_node_that_made_it_and_through_redis_on_the_other()
    {
        var email = await RegisterAsync(nodes.A);
        var tokens = await LogInAsync(nodes.A, email, Password);
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.A, tokens.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.B, tokens.AccessToken));

        using var client = Client(nodes.A, tokens.AccessToken);
        using var change = await client.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = Password, newPassword = "Encore#2028" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.A, tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnceTheNewsArrivedAsync(nodes.B, tokens.AccessToken));
    }

    [Fact]
    public async Task A_node_that_missed_the_news_ends_the_session_when_its_stamp_check_interval_is_over()
    {
        var email = await RegisterAsync(nodes.A);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var interval = TimeSpan.FromSeconds(TwoStampCachingNodesOnRedis.StampCheckSeconds);
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var services = nodes.A.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>();
        var stamps = new SessionStamps(
            contexts, memory, Options.Create(new SessionOptions { StampCheckSeconds = TwoStampCachingNodesOnRedis.StampCheckSeconds }),
            services.GetRequiredService<IOptions<IdentityOptions>>(), clock);
        var principal = await SignedInAsync(contexts, services, email);
        Assert.True(await stamps.IsCurrentAsync(principal)); // read and kept

        // The stamp changes behind every node's back: no save through Identity, so nothing is announced.
        await using (var db = await contexts.CreateDbContextAsync(Cancellation))
        {
            var normalized = email.ToUpperInvariant();
            var newStamp = Guid.NewGuid().ToString("N");
            await db.Users.Where(m => m.NormalizedEmail == normalized)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.SecurityStamp, newStamp), Cancellation);
        }

        clock.Advance(interval - TimeSpan.FromSeconds(1));
        Assert.True(await stamps.IsCurrentAsync(principal)); // the copy still answers: the news was lost
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await stamps.IsCurrentAsync(principal));
    }

    /// <summary>The broadcast reaches the other node moments after the change: ask until it answers otherwise (at most 10 s; the interval is an hour).</summary>
    private static Task<HttpStatusCode> StatusOnceTheNewsArrivedAsync(TestApp node, string accessToken) =>
        Within.ReadUntilAsync(
            () => BookingsStatusAsync(node, accessToken), status => status != HttpStatusCode.OK,
            _ => "The other node still accepts the token.", TimeSpan.FromSeconds(10));

    private static async Task<ClaimsPrincipal> SignedInAsync(IDbContextFactory<AtTicketDbContext> contexts, IServiceProvider services, string email)
    {
        await using var db = await contexts.CreateDbContextAsync(Cancellation);
        var normalized = email.ToUpperInvariant();
        var member = await db.Users.AsNoTracking().SingleAsync(m => m.NormalizedEmail == normalized, Cancellation);
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(claims.UserIdClaimType, member.Id), new Claim(claims.SecurityStampClaimType, member.SecurityStamp!)], "test"));
    }
}
