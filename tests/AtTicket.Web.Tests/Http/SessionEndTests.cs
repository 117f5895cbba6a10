using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtTicket.Web.Tests.Api;

namespace AtTicket.Web.Tests.Http;

/// <summary>Logout, a password change and a replayed refresh token end a member's sessions on both nodes.</summary>
public sealed class SessionEndTests(TwoAppNodes nodes) : IClassFixture<TwoAppNodes>
{
    internal const string Password = "Encore#2027";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logging_out_on_one_node_ends_the_old_cookie_on_both()
    {
        var email = await RegisterAsync();
        using var browser = nodes.A.NewBrowser();
        using var login = await browser.LogInAsync(email, Password);
        var cookie = AuthCookie(login);
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.B, cookie: cookie)); // node B honours node A's cookie

        using var logout = await browser.SubmitFormAsync("/", "/Account/Logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.A, cookie: cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.B, cookie: cookie));
    }

    [Fact]
    public async Task A_password_change_ends_the_bearer_tokens_issued_before_it_on_both_nodes()
    {
        var email = await RegisterAsync();
        var before = await LogInAsync(nodes.A, email, Password);
        var other = await LogInAsync(nodes.B, email, Password);
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.B, before.AccessToken));

        using var client = Client(nodes.A, before.AccessToken);
        using var change = await client.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = Password, newPassword = "Encore#2028" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.A, before.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.B, before.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.A, other.AccessToken));
        var after = await LogInAsync(nodes.B, email, "Encore#2028");
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.A, after.AccessToken));
    }

    [Fact]
    public async Task Logging_out_through_the_api_ends_the_bearer_token_on_both_nodes()
    {
        var email = await RegisterAsync();
        var tokens = await LogInAsync(nodes.A, email, Password);

        using var client = Client(nodes.B, tokens.AccessToken);
        using var logout = await client.PostAsync("/api/auth/logout", content: null, Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.A, tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.B, tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(nodes.A, tokens.RefreshToken)).Status);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_replay_on_the_other_node_ends_every_session()
    {
        var email = await RegisterAsync();
        var first = await LogInAsync(nodes.A, email, Password);

        var rotated = await RefreshAsync(nodes.A, first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(first.RefreshToken, rotated.Tokens!.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.B, rotated.Tokens.AccessToken));

        var replay = await RefreshAsync(nodes.B, first.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.Status);
        Assert.Contains("log in again", replay.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, await BookingsStatusAsync(nodes.A, rotated.Tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(nodes.B, rotated.Tokens.RefreshToken)).Status);
        var again = await LogInAsync(nodes.B, email, Password);
        Assert.Equal(HttpStatusCode.OK, await BookingsStatusAsync(nodes.A, again.AccessToken));
    }

    [Fact]
    public async Task An_access_token_lives_as_long_as_the_configuration_says()
    {
        var email = await RegisterAsync();

        var tokens = await LogInAsync(nodes.A, email, Password);

        Assert.Equal(TwoAppNodes.AccessTokenMinutes * 60, tokens.ExpiresIn);
    }

    internal sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn);

    private Task<string> RegisterAsync() => RegisterAsync(nodes.A);

    internal static async Task<string> RegisterAsync(TestApp node)
    {
        var email = $"session-{Guid.NewGuid():N}@example.com";
        using var client = Client(node);
        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, acceptPrivacyTerms = true }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return email;
    }

    internal static async Task<Tokens> LogInAsync(TestApp node, string email, string password)
    {
        using var client = Client(node);
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, Cancellation);
        var body = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        return ToTokens(body);
    }

    private static async Task<(HttpStatusCode Status, Tokens? Tokens, string Detail)> RefreshAsync(TestApp node, string refreshToken)
    {
        using var client = Client(node);
        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (response.StatusCode, ToTokens(JsonDocument.Parse(text).RootElement), string.Empty);
        }

        var detail = text.Length > 0 && JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        return (response.StatusCode, null, detail);
    }

    private static Tokens ToTokens(JsonElement body) => new(
        body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!, body.GetProperty("expiresIn").GetInt32());

    internal static async Task<HttpStatusCode> BookingsStatusAsync(TestApp node, string? accessToken = null, string? cookie = null)
    {
        using var client = Client(node, accessToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/bookings");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    /// <summary>A client that keeps no cookies, so a test decides exactly which credentials each request carries.</summary>
    internal static HttpClient Client(TestApp node, string? accessToken = null)
    {
        var client = node.NewClient();
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>The sign-in cookie(s) a login answer set, as a Cookie header.</summary>
    private static string AuthCookie(HttpResponseMessage login)
    {
        var pairs = login.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("atticket.auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0])
            .ToList();
        Assert.NotEmpty(pairs);
        return string.Join("; ", pairs);
    }
}
