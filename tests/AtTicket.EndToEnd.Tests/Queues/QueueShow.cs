using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtTicket.EndToEnd.Tests.Queues;

/// <summary>
/// An on-sale performance of its own (a new venue, a four-seat hall, a product) behind a waiting line, set up
/// through the API by the demo admin, so no other test's show runs behind a line.
/// </summary>
internal sealed class QueueShow(HttpClient admin, int productId, int performanceId) : IAsyncDisposable
{
    public int ProductId => productId;

    public int PerformanceId => performanceId;

    public string QueuePath => $"/queue/{performanceId}";

    public string SeatMapPath => $"/performances/{performanceId}";

    public static async Task<QueueShow> CreateAsync(string baseUrl)
    {
        var admin = await ApiAsync(baseUrl, Demo.AdminEmail, Demo.AdminPassword);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var venue = await PostAsync(admin, "/api/venues", new { name = $"Queue Venue {suffix}", address = "Seoul" });
        var seats = Enumerable.Range(1, 4).Select(n => new { id = (int?)null, number = n, x = (double)n, y = 0.0, kind = "normal" }).ToArray();
        var hall = await PostAsync(admin, $"/api/venues/{venue.GetProperty("id").GetInt32()}/halls", new
        {
            name = "Queue Hall",
            sections = new[] { new { name = "Floor", rows = new[] { new { label = "A", seats } } } },
        });
        var seatIds = hall.GetProperty("sections")[0].GetProperty("rows")[0].GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToArray();
        var product = await PostAsync(admin, "/api/products", new
        {
            title = $"Queue Night {suffix}", category = "concert", description = "A show behind a waiting line.", runningMinutes = 60, ageRating = "All",
            salesStart = DateTimeOffset.UtcNow.AddDays(-1), salesEnd = DateTimeOffset.UtcNow.AddDays(30), status = "onSale",
        });
        var productId = product.GetProperty("id").GetInt32();
        var performance = await PostAsync(admin, $"/api/products/{productId}/performances", new
        {
            hallId = hall.GetProperty("id").GetInt32(),
            startsAt = DateTimeOffset.UtcNow.Date.AddDays(9).AddHours(10),
            grades = new[] { new { name = "R", price = 50_000, color = "#2e86c1", seatIds } },
            status = "onSale",
        });
        return new QueueShow(admin, productId, performance.GetProperty("id").GetInt32());
    }

    /// <summary>Puts the show behind a line that admits one member at a time (a cap of one), paused or running.</summary>
    public async Task SetLineAsync(bool paused, DateTimeOffset? opensAt = null)
    {
        using var response = await admin.PutAsJsonAsync($"/api/performances/{performanceId}/queue/line", new
        {
            opensAt = opensAt ?? DateTimeOffset.UtcNow.AddMinutes(-1),
            maxShopping = 1,
            shoppingWindowMinutes = 10,
            paused,
        }, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"Setting the line answered {(int)response.StatusCode}.");
    }

    /// <summary>A new member (registered through the API); returns the e-mail address.</summary>
    public async Task<string> NewMemberAsync()
    {
        var email = $"queue-{Guid.NewGuid():N}@atticket.test";
        using var registered = await admin.PostAsJsonAsync("/api/auth/register", new { email, password = Password, acceptPrivacyTerms = true }, Cancellation);
        Assert.True(registered.IsSuccessStatusCode, $"Registering {email} answered {(int)registered.StatusCode}.");
        return email;
    }

    public const string Password = "Queue!2345";

    /// <summary>Takes the product off sale again, so tests that count the catalog's on-sale products count as before.</summary>
    public async ValueTask DisposeAsync()
    {
        using (admin)
        {
            using var closed = await admin.PutAsJsonAsync($"/api/products/{productId}", new
            {
                title = $"Queue Night {productId} (closed)", category = "concert", description = "", runningMinutes = 60, ageRating = "All",
                salesStart = DateTimeOffset.UtcNow.AddDays(-1), salesEnd = DateTimeOffset.UtcNow.AddDays(30), status = "closed",
            }, CancellationToken.None);
            Assert.True(closed.IsSuccessStatusCode, $"Closing the queue product answered {(int)closed.StatusCode}.");
        }
    }

    private static async Task<HttpClient> ApiAsync(string baseUrl, string email, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password }, Cancellation);
        var token = (await MarkupInDataTests.ReadAsync(login)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body, Cancellation);
        return await MarkupInDataTests.ReadAsync(response);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
