using System.Net;
using System.Net.Http.Json;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// X-Forwarded-For and -Proto count only from a configured proxy; Host never comes back in a redirect. The
/// login limit per address (2 here) shows which address the app believed.
/// </summary>
public sealed class ForwardedHeaderTests(ForwardedHeaderTests.App app) : IClassFixture<ForwardedHeaderTests.App>
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.250.0.1");

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_peer_is_ignored()
    {
        using var client = app.NewClient(TestPeers.Next());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(client, forwardedFor: $"203.0.113.{i + 1}"));
        }

        // A third "client" is the same peer: the made-up addresses did not give it a fresh count.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LogInAsync(client, forwardedFor: "203.0.113.99"));
    }

    [Fact]
    public async Task From_a_trusted_proxy_the_limit_counts_the_forwarded_client()
    {
        using var client = app.NewClient(Proxy);
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(client, forwardedFor: "198.51.100.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(client, forwardedFor: "198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LogInAsync(client, forwardedFor: "198.51.100.7"));

        // Another client behind the same proxy has its own count; a forged first hop does not change the last one.
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(client, forwardedFor: "198.51.100.8"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LogInAsync(client, forwardedFor: "192.0.2.1, 198.51.100.7"));
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task Cookies_are_Secure_when_the_proxy_says_the_client_used_https(string scheme, bool secure)
    {
        using var client = app.NewClient(Proxy);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        request.Headers.Add("X-Forwarded-Proto", scheme);

        using var page = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies); // the antiforgery cookie of the login form
        Assert.All(cookies, c => Assert.Equal(secure, c.Contains("secure", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_redirect_for_a_foreign_Host_header_stays_relative()
    {
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bookings");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.NonValidated["Location"].Single();
        Assert.StartsWith("/Account/Login", location, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", location, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HttpStatusCode> LogInAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "Wrong#2026x" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public sealed class App() : TestAppFixture(new Dictionary<string, string>
    {
        ["RateLimits:Logins:PerAddress"] = "2",
        ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
    });
}

/// <summary>A <see cref="TestApp"/> with settings, as a class fixture.</summary>
public abstract class TestAppFixture(IReadOnlyDictionary<string, string> settings) : IAsyncLifetime
{
    private readonly TestApp _app = new(settings);

    public Browser NewBrowser(IPAddress? peer = null) => _app.NewBrowser(peer);

    public HttpClient NewClient(IPAddress? peer = null) => _app.NewClient(peer);

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
