using System.Net;

namespace AtTicket.Web.Tests.Http;

/// <summary><c>AllowedHosts</c> as a deployment sets it: a request for any other host name is refused before the app reads it.</summary>
public sealed class AllowedHostsTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new Dictionary<string, string> { ["AllowedHosts"] = "tickets.example.com" });

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("tickets.example.com", HttpStatusCode.OK)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.BadRequest)]
    public async Task Only_the_configured_host_is_answered(string host, HttpStatusCode expected)
    {
        using var client = _app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }
}
