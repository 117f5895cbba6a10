using System.Text;
using System.Text.Json;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Requests Kestrel itself refuses, sent over a real socket to the app on Kestrel. What Kestrel refuses
/// while reading the request line and headers (bad bytes, 414, 431, a request line that is no request)
/// it answers before any middleware runs, with an empty body that ASP.NET Core gives no way to fill
/// (dotnet/aspnetcore#4726: "this category of errors is not customisable"); those are pinned here as
/// clean 4xx answers that close the connection. What it refuses while the app reads the body (broken
/// chunks, a body over the limit) reaches the pipeline and comes back as a problem document with a detail.
/// </summary>
public sealed class KestrelRejectionTests(KestrelRejectionTests.App app) : IClassFixture<KestrelRejectionTests.App>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int> RefusedBeforeTheApp() => new()
    {
        { "a NUL byte in a header value", "GET /api/products HTTP/1.1\r\nHost: x\r\nX-Test: a\u0000b\r\n\r\n", 400 },
        { "a header name with a space", "GET /api/products HTTP/1.1\r\nHost: x\r\nX Test: a\r\n\r\n", 400 },
        { "a raw non-ASCII byte in the path", "GET /api/produ\u00ffcts HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a space inside the path", "GET /api/pro ducts HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a line that is no request", "HELLO THERE\r\n\r\n", 400 },
        { "no Host header", "GET /api/products HTTP/1.1\r\n\r\n", 400 },
        { "a request line of 10 kB", $"GET /api/products?q={new string('a', 10_000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "40 kB of headers", $"GET /api/products HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Filler-{i}: {new string('b', 1_000)}\r\n"))}\r\n", 431 },
    };

    [Theory]
    [MemberData(nameof(RefusedBeforeTheApp))]
    public async Task What_Kestrel_refuses_before_the_app_gets_a_4xx_and_a_closed_connection(string what, string request, int status)
    {
        // Connection: close, so a request Kestrel wrongly let through ends quickly with its real status.
        var withClose = request.Replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n", StringComparison.Ordinal);

        var response = await RawHttp.SendAsync(app.Address, Encoding.Latin1.GetBytes(withClose), Cancellation);

        Assert.True(response.Status == status, $"{what}: {response.Status}");
        Assert.Equal("close", response.Header("Connection"));
    }

    [Fact]
    public async Task A_broken_chunk_in_an_api_body_answers_a_400_problem_with_a_detail()
    {
        var response = await RawHttp.SendAsync(app.Address,
            "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            Cancellation);

        var problem = Problem(response, 400);
        // The JSON body binder swallows Kestrel's reason and leaves a bare 400; the status-code pages add the detail.
        Assert.StartsWith("The request could not be read", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_api_body_over_the_size_limit_answers_a_413_problem()
    {
        var response = await RawHttp.SendAsync(app.Address,
            "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 30000001\r\n\r\n{\"email\":",
            Cancellation);

        var problem = Problem(response, 413);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_broken_chunk_in_a_form_post_to_a_page_answers_400_not_500()
    {
        var response = await RawHttp.SendAsync(app.Address,
            "POST /Account/Login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nInput.Email=a\r\n0\r\n\r\n",
            Cancellation);

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task A_percent_encoded_invalid_utf8_path_reaches_the_app_and_answers_a_404_problem()
    {
        var response = await RawHttp.SendAsync(app.Address, "GET /api/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", Cancellation);

        Assert.Contains("nothing at this address", Problem(response, 404).GetProperty("detail").GetString());
    }

    private static JsonElement Problem(RawResponse response, int status)
    {
        Assert.True(response.Status == status, $"status {response.Status}, body: {response.Body}");
        Assert.Equal("application/problem+json", response.Header("Content-Type")?.Split(';')[0]);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The demo app on real Kestrel at a free loopback port.</summary>
    public sealed class App : IAsyncLifetime
    {
        private readonly TestApp _app = new();

        public Uri Address => _app.KestrelAddress;

        public ValueTask InitializeAsync()
        {
            _app.UseKestrel();
            return _app.InitializeAsync();
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
