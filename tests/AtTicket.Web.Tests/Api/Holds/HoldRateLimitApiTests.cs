using System.Net;

namespace AtTicket.Web.Tests.Api.Holds;

/// <summary>
/// Hold requests are limited to 20 a minute per member (a bot in a flash sale), whatever they answer.
/// An app of its own, so no other test's requests share its buckets.
/// </summary>
public sealed class HoldRateLimitApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const int PermitsPerMinute = 20;

    [Fact]
    public async Task The_21st_hold_request_in_a_minute_answers_429_with_Retry_After_and_holds_nothing()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowA[0]);

        // 20 requests the API answers on their merits: here a conflict over a sold seat.
        for (var i = 0; i < PermitsPerMinute; i++)
        {
            using var allowed = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0]);
            Assert.Equal(HttpStatusCode.Conflict, allowed.StatusCode);
        }

        using var limited = await member.Client.HoldAsync(show.PerformanceId, show.RowA[1]);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using (var body = System.Text.Json.JsonDocument.Parse(await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            // A problem (RFC 9457) like every API error; it has no "type" member, which RFC 9457 reads as about:blank.
            Assert.Equal(429, body.RootElement.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("title").GetString()));
            Assert.Contains("Try again in", body.RootElement.GetProperty("detail").GetString());
        }

        var retryAfter = limited.Headers.RetryAfter;
        Assert.NotNull(retryAfter);
        Assert.NotNull(retryAfter.Delta);
        Assert.InRange(retryAfter.Delta.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[1]]);
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
    }

    [Fact]
    public async Task The_limit_is_per_member_and_reading_or_releasing_holds_is_not_limited()
    {
        var show = await SmallShowAsync();
        using var busy = await app.NewMemberAsync();
        using var calm = await app.NewMemberAsync();
        var hold = await busy.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[0]);
        for (var i = 1; i < PermitsPerMinute; i++)
        {
            using var allowed = await busy.Client.HoldAsync(show.PerformanceId, show.RowB[0], show.RowB[0]);
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using (var limited = await busy.Client.HoldAsync(show.PerformanceId, show.RowB[1]))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        // Another member is not held back by the first one's bucket.
        await calm.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[1]);

        // The limited member can still see and let go of what they hold.
        var path = $"/api/holds/{HoldApi.HoldId(hold)}";
        for (var i = 0; i < 3; i++)
        {
            await busy.Client.GetJsonAsync(path);
        }

        using var released = await busy.Client.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
    }

    private async Task<SmallShow> SmallShowAsync()
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync("Rate limit show");
    }
}

/// <summary>A deployment sets its own limit and window under "RateLimits".</summary>
public sealed class ConfiguredHoldRateLimitApiTests(ConfiguredHoldRateLimitApiTests.App app) : IClassFixture<ConfiguredHoldRateLimitApiTests.App>
{
    [Fact]
    public async Task The_configured_limit_and_window_apply_instead_of_the_defaults()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Configured limit show");
        using var member = await app.NewMemberAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowA[0]);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0]);
            Assert.Equal(HttpStatusCode.Conflict, allowed.StatusCode);
        }

        using var limited = await member.Client.HoldAsync(show.PerformanceId, show.RowA[1]);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
    }

    public sealed class App() : ApiApp(new Dictionary<string, string>
    {
        ["RateLimits:Holds:PerMember"] = "2",
        ["RateLimits:Holds:WindowSeconds"] = "7",
    });
}
