using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>One API call during a fault test: when (the test's phase), what, the answer and how long it took.</summary>
internal sealed record OutageCall(string Phase, string What, int Status, double Milliseconds, string? ContentType, string? RetryAfter)
{
    /// <summary>No answer: the call timed out or the connection failed.</summary>
    public const int NoAnswer = 0;

    public bool IsProblemDocument => ContentType == "application/problem+json";
}

/// <summary>
/// A member's holds and checkouts against one node, every call recorded with the phase the test is in, so the
/// test can say what was answered before, during and after an outage.
/// </summary>
internal sealed class OutageCalls : IDisposable
{
    /// <summary>API.md's approving test card.</summary>
    private const string ApprovingCard = "4242424242424242";

    /// <summary>Far above "fail fast": a call that takes this long counts as no answer.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly ConcurrentQueue<OutageCall> _calls = new();
    private readonly Lock _phaseLock = new();
    private string _phase = "before";

    public OutageCalls(string baseUrl, string accessToken)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = CallTimeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public string Phase
    {
        get
        {
            lock (_phaseLock)
            {
                return _phase;
            }
        }

        set
        {
            lock (_phaseLock)
            {
                _phase = value;
            }
        }
    }

    public IReadOnlyList<OutageCall> All => [.. _calls];

    public int Count(string phase, string what, int status) => _calls.Count(c => c.Phase == phase && c.What == what && c.Status == status);

    /// <summary>Holds one seat; the hold's id when the node answered 201.</summary>
    public async Task<Guid?> HoldAsync(int performanceId, int seatId)
    {
        var (status, body) = await SendAsync("hold", () => new HttpRequestMessage(HttpMethod.Post, $"/api/performances/{performanceId}/holds")
        {
            Content = JsonContent.Create(new { seatIds = new[] { seatId } }),
        });
        return status == 201 ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid() : null;
    }

    /// <summary>Pays for the hold with the approving card under a fresh Idempotency-Key; true when booked.</summary>
    public async Task<bool> BookAsync(Guid holdId)
    {
        var expiry = DateTime.UtcNow.AddYears(2).ToString("MM/yy", System.Globalization.CultureInfo.InvariantCulture);
        var (status, _) = await SendAsync("book", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
            {
                Content = JsonContent.Create(new { holdId, payment = new { cardNumber = ApprovingCard, expiry, cvc = "123", holderName = "Fault Test" } }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return request;
        });
        return status == 201;
    }

    /// <summary>GET /health/ready's status code, recorded like the other calls.</summary>
    public async Task<int> ReadyAsync() => (await SendAsync("ready", () => new HttpRequestMessage(HttpMethod.Get, "/health/ready"))).Status;

    /// <summary>Any GET, recorded under <paramref name="what"/>.</summary>
    public async Task<int> GetAsync(string what, string path) => (await SendAsync(what, () => new HttpRequestMessage(HttpMethod.Get, path))).Status;

    public void Dispose() => _http.Dispose();

    private async Task<(int Status, string Body)> SendAsync(string what, Func<HttpRequestMessage> request)
    {
        var phase = Phase;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var message = request();
            using var response = await _http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            _calls.Enqueue(new OutageCall(phase, what, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.ToString()));
            return (status, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            _calls.Enqueue(new OutageCall(phase, what, OutageCall.NoAnswer, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, null));
            return (OutageCall.NoAnswer, string.Empty);
        }
    }
}
