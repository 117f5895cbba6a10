using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtTicket.EndToEnd.Tests.Nodes;

internal sealed record SeatsSnapshot(int PerformanceId, long Sequence, IReadOnlyList<SeatInfo> Seats);

internal sealed record SeatInfo(int Id, string Section, string Row, int Number, int? GradeId, string Status);

internal sealed record PerformanceInfo(int Id, string ProductTitle, IReadOnlyList<GradeInfo> Grades);

internal sealed record GradeInfo(int Id, string Name, long Price, int Total, int Remaining);

internal sealed record HoldInfo(Guid Id, int PerformanceId, IReadOnlyList<HoldSeatInfo> Seats);

internal sealed record HoldSeatInfo(int Id, int GradeId);

/// <summary>The REST API of one node (API.md), as a member or anonymously; failures say what the node answered.</summary>
internal sealed class AtTicketApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    private AtTicketApi(string baseUrl, string? accessToken)
    {
        BaseUrl = baseUrl;
        AccessToken = accessToken;
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (accessToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
    }

    public string BaseUrl { get; }

    public string? AccessToken { get; }

    public static AtTicketApi Anonymous(string baseUrl) => new(baseUrl, null);

    public static async Task<AtTicketApi> LogInAsync(string baseUrl, string email, string password)
    {
        using var anonymous = Anonymous(baseUrl);
        using var response = await anonymous._http.PostAsJsonAsync("/api/auth/login", new { email, password });
        await ExpectAsync(response, HttpStatusCode.OK, $"log in {email}");
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return new AtTicketApi(baseUrl, tokens.GetProperty("accessToken").GetString());
    }

    public static async Task RegisterAsync(string baseUrl, string email, string password)
    {
        using var anonymous = Anonymous(baseUrl);
        using var response = await anonymous._http.PostAsJsonAsync("/api/auth/register", new { email, password, acceptPrivacyTerms = true });
        await ExpectAsync(response, HttpStatusCode.OK, $"register {email}");
    }

    /// <summary>The same member (the same bearer token) talking to another node.</summary>
    public AtTicketApi On(string baseUrl) => new(baseUrl, AccessToken);

    public Task<SeatsSnapshot> SeatsAsync(int performanceId) => GetAsync<SeatsSnapshot>($"/api/performances/{performanceId}/seats");

    public Task<PerformanceInfo> PerformanceAsync(int performanceId) => GetAsync<PerformanceInfo>($"/api/performances/{performanceId}");

    /// <summary>The node's live feed in numbers (admin only).</summary>
    public Task<LiveMetricsInfo> LiveMetricsAsync() => GetAsync<LiveMetricsInfo>("/api/live/metrics");

    public async Task<HoldInfo> HoldAsync(int performanceId, IReadOnlyCollection<int> seatIds)
    {
        using var response = await _http.PostAsJsonAsync($"/api/performances/{performanceId}/holds", new { seatIds });
        await ExpectAsync(response, HttpStatusCode.Created, $"hold seats {string.Join(", ", seatIds)} of performance {performanceId}");
        return (await response.Content.ReadFromJsonAsync<HoldInfo>(Json))!;
    }

    public async Task ReleaseAsync(Guid holdId)
    {
        using var response = await _http.DeleteAsync($"/api/holds/{holdId}");
        await ExpectAsync(response, HttpStatusCode.NoContent, $"release hold {holdId}");
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path)
    {
        using var response = await _http.GetAsync(path);
        await ExpectAsync(response, HttpStatusCode.OK, "GET " + path);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{what} at {response.RequestMessage?.RequestUri}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }
}

public sealed record LiveMetricsInfo(int Listeners, long Delivered, double? DeliverLatencyP50Ms, double? DeliverLatencyP99Ms);
