using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtTicket.LoadBench.Measuring;
using AtTicket.LoadBench.Setup;

namespace AtTicket.LoadBench;

/// <summary>What a hold call answered: the hold's id on 201, the seats just taken on 409.</summary>
public sealed record HoldAnswer(int Status, double Milliseconds, Guid? HoldId, long Total, IReadOnlyList<int> TakenSeatIds);

/// <summary>
/// One member's browser-like HTTP client through nginx: its own connection, its own cookie jar (so
/// nginx keeps it on one node, as it keeps a browser), its bearer token. Every call is timed; an
/// exception (timeout, reset) counts as status 0, never as an error of the benchmark itself.
/// </summary>
public sealed class BuyerClient : IDisposable
{
    /// <summary>API.md's approving test card.</summary>
    private const string ApprovingCard = "4242424242424242";

    private readonly HttpClient _http;

    public BuyerClient(string baseUrl, BenchMember member)
    {
        Member = member;
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.AccessToken);
    }

    public BenchMember Member { get; }

    public async Task<HoldAnswer> HoldAsync(int performanceId, IReadOnlyCollection<int> seatIds)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.PostAsJsonAsync($"/api/performances/{performanceId}/holds", new { seatIds }, Json.Api);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = (int)response.StatusCode;
            if (status == 201)
            {
                using var hold = JsonDocument.Parse(body);
                return new HoldAnswer(status, elapsed, hold.RootElement.GetProperty("id").GetGuid(), hold.RootElement.GetProperty("total").GetInt64(), []);
            }

            return new HoldAnswer(status, elapsed, null, 0, status == 409 ? TakenSeats(body) : []);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new HoldAnswer(CallLog.NoAnswer, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, 0, []);
        }
    }

    public Task<(int Status, double Milliseconds)> ReleaseAsync(Guid holdId) => TimeAsync(() => _http.DeleteAsync($"/api/holds/{holdId}"));

    /// <summary>Pays for the hold with the approving test card under a fresh Idempotency-Key.</summary>
    public Task<(int Status, double Milliseconds)> BookAsync(Guid holdId) => BookAsync(holdId, Guid.NewGuid().ToString());

    /// <summary>Pays for the hold under <paramref name="idempotencyKey"/>: sent again, it answers how that checkout ended.</summary>
    public Task<(int Status, double Milliseconds)> BookAsync(Guid holdId, string idempotencyKey)
    {
        var expiry = DateTime.UtcNow.AddYears(2).ToString("MM/yy", System.Globalization.CultureInfo.InvariantCulture);
        return TimeAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
            {
                Content = JsonContent.Create(new { holdId, payment = new { cardNumber = ApprovingCard, expiry, cvc = "123", holderName = Member.DisplayName } }, options: Json.Api),
            };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return _http.SendAsync(request);
        });
    }

    /// <summary>Any GET, e.g. the seat states; the body is read and dropped.</summary>
    public Task<(int Status, double Milliseconds)> GetAsync(string path) => TimeAsync(() => _http.GetAsync(path));

    public async Task<JsonElement> GetJsonAsync(string path) => await _http.GetFromJsonAsync<JsonElement>(path);

    public void Dispose() => _http.Dispose();

    private static async Task<(int, double)> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await call();
            await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (CallLog.NoAnswer, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static IReadOnlyList<int> TakenSeats(string problem)
    {
        using var body = JsonDocument.Parse(problem);
        return body.RootElement.TryGetProperty("takenSeatIds", out var taken) && taken.ValueKind == JsonValueKind.Array
            ? [.. taken.EnumerateArray().Select(t => t.GetInt32())]
            : [];
    }
}
