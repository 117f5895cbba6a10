using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtTicket.EndToEnd.Tests.Accessibility;

/// <summary>
/// The data the accessibility scans need, made once through the API: a member with a booking,
/// members who hold seats, and seats to pick. All from the Balcony R block of the first demo
/// performance, which no other browser test touches.
/// </summary>
public sealed class AxeShopper
{
    public const int PerformanceId = 1;
    public const string PerformancePath = "/performances/1";
    public const string Password = "Axe!23456";
    private const string Section = "Balcony R";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AxeShopper? _shared;

    private readonly string _baseUrl;
    private readonly Queue<int> _freeSeats;

    private AxeShopper(string baseUrl, int hallId, Queue<int> freeSeats)
    {
        _baseUrl = baseUrl;
        HallId = hallId;
        _freeSeats = freeSeats;
        SeatIdsToSelect = [Take(), Take()];
    }

    public int HallId { get; }

    public string BookerEmail { get; private set; } = string.Empty;

    public Guid BookingId { get; private set; }

    /// <summary>Seats nobody holds, to pick on the map.</summary>
    public IReadOnlyList<int> SeatIdsToSelect { get; }

    public static async Task<AxeShopper> GetAsync(string baseUrl)
    {
        await Gate.WaitAsync(Cancellation);
        try
        {
            return _shared ??= await CreateAsync(baseUrl);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<AxeShopper> CreateAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var performance = await ReadAsync(await http.GetAsync($"/api/performances/{PerformanceId}", Cancellation));
        var seats = await ReadAsync(await http.GetAsync($"/api/performances/{PerformanceId}/seats", Cancellation));
        var free = seats.GetProperty("seats").EnumerateArray()
            .Where(s => s.GetProperty("section").GetString() == Section && s.GetProperty("status").GetString() == "available"
                && s.GetProperty("gradeId").ValueKind == JsonValueKind.Number)
            .Select(s => s.GetProperty("id").GetInt32());
        var shopper = new AxeShopper(baseUrl, performance.GetProperty("hall").GetProperty("id").GetInt32(), new Queue<int>(free));
        await shopper.BookAsync();
        return shopper;
    }

    /// <summary>A new member (signed up through the API) with nothing held or booked.</summary>
    public async Task<string> NewMemberAsync()
    {
        var email = $"axe-{Guid.NewGuid().ToString("N")[..12]}@atticket.test";
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        using var registered = await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password, acceptPrivacyTerms = true }, Cancellation);
        Assert.True(registered.IsSuccessStatusCode, $"Registering {email} answered {(int)registered.StatusCode}.");
        return email;
    }

    /// <summary>A new member holding two seats, so the seat map opens on the hold panel with checkout.</summary>
    public async Task<string> NewMemberHoldingAsync()
    {
        var email = await NewMemberAsync();
        using var api = await ApiAsync(email);
        await HoldAsync(api);
        return email;
    }

    private async Task BookAsync()
    {
        BookerEmail = await NewMemberAsync();
        using var api = await ApiAsync(BookerEmail);
        var holdId = await HoldAsync(api);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                holdId,
                payment = new
                {
                    cardNumber = "4242424242424242",
                    expiry = DateTimeOffset.UtcNow.AddYears(2).ToString("MM/yy", CultureInfo.InvariantCulture),
                    cvc = "123",
                    holderName = "Axe Test",
                },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await api.SendAsync(request, Cancellation);
        BookingId = (await ReadAsync(response)).GetProperty("id").GetGuid();
    }

    private async Task<Guid> HoldAsync(HttpClient api)
    {
        int[] seatIds;
        lock (_freeSeats)
        {
            seatIds = [Take(), Take()];
        }

        using var hold = await api.PostAsJsonAsync($"/api/performances/{PerformanceId}/holds", new { seatIds }, Cancellation);
        return (await ReadAsync(hold)).GetProperty("id").GetGuid();
    }

    private int Take() => _freeSeats.Dequeue();

    private async Task<HttpClient> ApiAsync(string email)
    {
        var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password, acceptPrivacyTerms = true }, Cancellation);
        var token = (await ReadAsync(login)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await MarkupInDataTests.ReadAsync(response);
        }
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
