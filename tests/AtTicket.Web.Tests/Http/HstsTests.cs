using System.Net;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Outside Development, a page the proxy says was fetched over https tells the browser to use https only
/// (Strict-Transport-Security); over plain http the header would mean nothing and is left out.
/// </summary>
public sealed class HstsTests : IAsyncLifetime
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.250.0.2");

    private readonly TestApp _app = new(new Dictionary<string, string>
    {
        ["environment"] = "Production",
        ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
    });

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task Https_answers_carry_Strict_Transport_Security(string scheme, bool expected)
    {
        using var client = _app.NewClient(Proxy);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "tickets.example.com"; // HSTS is never sent to localhost
        request.Headers.Add("X-Forwarded-For", "198.51.100.30");
        request.Headers.Add("X-Forwarded-Proto", scheme);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.TryGetValues("Strict-Transport-Security", out var values) && values.Single().Contains("max-age=", StringComparison.Ordinal));
    }
}
