using System.Net;
using System.Text.Json;
using AtTicket.Web.Tests.Api.Bookings;
using AtTicket.Web.Tests.Api.Holds;
using AtTicket.Web.Tests.Http;

namespace AtTicket.Web.Tests.Api.Limits;

/// <summary>Limits per member and per client address, with small configured values so the tests reach them quickly.</summary>
public sealed class ClientLimitApiTests(ClientLimitApiTests.App app) : IClassFixture<ClientLimitApiTests.App>
{
    private const int HoldsPerAddress = 5;

    [Fact]
    public async Task Four_fresh_accounts_from_one_address_together_stay_within_the_address_hold_limit()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Address limit show");
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowA[0]);
        var shared = TestPeers.Next();
        var clients = new List<ApiClient>();
        for (var i = 0; i < 4; i++)
        {
            using var member = await app.NewMemberAsync();
            clients.Add(app.WithToken(await app.LogInAsync(member.Email, HoldApi.Password), shared));
        }

        // Each member tries three times at once (409 for the sold seat when allowed): 12 tries, 5 allowed.
        var statuses = await Task.WhenAll(clients.SelectMany(c => Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await c.HoldAsync(show.PerformanceId, show.RowA[0]);
            return response.StatusCode;
        })));

        Assert.Equal(HoldsPerAddress, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(12 - HoldsPerAddress, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // Another address is not held back by this one.
        using var elsewhere = await app.NewMemberAsync();
        using var allowed = await elsewhere.Client.HoldAsync(show.PerformanceId, show.RowA[0]);
        Assert.Equal(HttpStatusCode.Conflict, allowed.StatusCode);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Registrations_from_one_address_stop_at_the_limit_with_Retry_After_and_a_detail()
    {
        var shared = TestPeers.Next();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await RegisterAsync(shared));
        }

        using var anonymous = app.Anonymous(shared);
        using var limited = await anonymous.PostAsync("/api/auth/register", new { email = NewEmail(), password = HoldApi.Password, acceptPrivacyTerms = true });
        await AssertLimitedAsync(limited, "registrations");
        Assert.Equal(HttpStatusCode.OK, await RegisterAsync(TestPeers.Next()));
    }

    [Fact]
    public async Task Logins_from_one_address_stop_at_the_limit_even_with_the_right_password()
    {
        using var member = await app.NewMemberAsync();
        var shared = TestPeers.Next();
        using var client = app.Anonymous(shared);
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await client.PostAsync("/api/auth/login", new { email = NewEmail(), password = "Wrong#2026x" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var limited = await client.PostAsync("/api/auth/login", new { email = member.Email, password = HoldApi.Password });
        await AssertLimitedAsync(limited, "login attempts");

        using var elsewhere = app.Anonymous(TestPeers.Next());
        using var allowed = await elsewhere.PostAsync("/api/auth/login", new { email = member.Email, password = HoldApi.Password });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private async Task<HttpStatusCode> RegisterAsync(System.Net.IPAddress peer)
    {
        using var anonymous = app.Anonymous(peer);
        using var response = await anonymous.PostAsync("/api/auth/register", new { email = NewEmail(), password = HoldApi.Password, acceptPrivacyTerms = true });
        return response.StatusCode;
    }

    [Fact]
    public async Task Joins_of_a_waiting_line_from_one_address_stop_at_the_limit_with_a_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Queue join limit show");
        var line = $"/api/performances/{show.PerformanceId}/queue";
        using (var set = await admin.PutAsync($"{line}/line", new { opensAt = DateTimeOffset.UtcNow, maxShopping = 1, paused = true }))
        {
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        var shared = TestPeers.Next();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        using var fromFirst = app.WithToken(await app.LogInAsync(first.Email, HoldApi.Password), shared);
        using var fromSecond = app.WithToken(await app.LogInAsync(second.Email, HoldApi.Password), shared);
        foreach (var client in new[] { fromFirst, fromFirst, fromSecond })
        {
            using var joined = await client.PostAsync(line, new { });
            Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        }

        using var limited = await fromSecond.PostAsync(line, new { });
        await AssertLimitedAsync(limited, "requests to join a waiting line from this address");

        // Asking for one's place is not a join: the waiting page keeps polling.
        using var asked = await fromSecond.GetAsync(line);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response, string what)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(what, body.RootElement.GetProperty("detail").GetString());
    }

    private static string NewEmail() => $"limits-{Guid.NewGuid():N}@example.com";

    public sealed class App() : ApiApp(new Dictionary<string, string>
    {
        ["RateLimits:Holds:PerAddress"] = HoldsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Registrations:PerAddress"] = "3",
        ["RateLimits:Logins:PerAddress"] = "4",
        ["RateLimits:QueueJoins:PerAddress"] = "3",
    });
}

/// <summary>Holds and bookings count in separate buckets: hold attempts never use up the booking that follows.</summary>
public sealed class SeparateBucketApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_booking_still_goes_through_after_the_hold_limit_is_reached()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Separate buckets show");
        using var member = await app.NewMemberAsync();
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        for (var i = 1; i < 20; i++)
        {
            using var refused = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0], show.RowA[0]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var limited = await member.Client.HoldAsync(show.PerformanceId, show.RowA[1]))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        using var booked = await member.Client.BookAsync(HoldApi.HoldId(hold), BookingApi.NewKey());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }
}
