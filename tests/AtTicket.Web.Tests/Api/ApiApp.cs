using AtTicket.Infrastructure.Identity;
using AtTicket.Web.Components.Account;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Tests.Http;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// The demo app of <see cref="TestApp"/> (its own SQLite file, demo data), spoken to as an API client
/// does: JSON, and bearer tokens from <c>/api/auth/login</c>. Each demo account logs in once per app.
/// </summary>
public class ApiApp : IAsyncLifetime
{
    private readonly TestApp _app;

    public ApiApp()
        : this(new Dictionary<string, string>())
    {
    }

    protected ApiApp(IReadOnlyDictionary<string, string> settings) => _app = new TestApp(settings);

    /// <summary>On <paramref name="app"/>, e.g. <see cref="TestApp.OnMariaDb"/>.</summary>
    private protected ApiApp(TestApp app) => _app = app;

    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    public IServiceProvider Services => _app.Services;

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ApiClient Anonymous(IPAddress? peer = null) => new(_app.NewBrowser(peer).Client);

    /// <summary>The in-memory app, for tests that need its clients and services directly.</summary>
    public TestApp App => _app;

    public Task<ApiClient> AdminAsync() => SignedInAsync(DemoAccounts.Admin);

    public Task<ApiClient> CustomerAsync() => SignedInAsync(DemoAccounts.Minji);

    public async Task<ApiClient> SignedInAsync(DemoAccount account)
    {
        var token = await _tokens.GetOrAdd(account.Email, _ => LogInAsync(account.Email, account.Password));
        return WithToken(token);
    }

    public ApiClient WithToken(string accessToken, IPAddress? peer = null)
    {
        var client = Anonymous(peer);
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A browser signed in through the login page: the API must see its cookie as well as a bearer token.</summary>
    public async Task<Browser> BrowserSignedInAsync(DemoAccount account)
    {
        var browser = _app.NewBrowser();
        await browser.LogInSuccessfullyAsync(account.Email, account.Password, account.Role == Roles.Admin ? LandingPage.AdminDashboard : LandingPage.Home);
        return browser;
    }

    public async Task<string> LogInAsync(string email, string password)
    {
        using var client = Anonymous();
        using var response = await client.PostAsync("/api/auth/login", new { email, password });
        var body = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        return body.GetProperty("accessToken").GetString()!;
    }

    public virtual ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>An HttpClient that writes camelCase JSON, as the API's clients do, and passes the test's cancellation token.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path, Cancellation);

    public Task<HttpResponseMessage> PostAsync(string path, object body) => http.PostAsJsonAsync(path, body, Json, Cancellation);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => http.PutAsJsonAsync(path, body, Json, Cancellation);

    public Task<HttpResponseMessage> DeleteAsync(string path) => http.DeleteAsync(path, Cancellation);

    /// <summary>Sends <paramref name="json"/> exactly as written, so a test can send what a serializer never would.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string json) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") }, Cancellation);

    /// <summary>GETs <paramref name="path"/>, which must answer 200 with JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        return await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    public void Dispose() => http.Dispose();
}
