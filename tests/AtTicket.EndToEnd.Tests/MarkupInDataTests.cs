using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>Text an admin typed is shown as text wherever it appears, never run as markup or script.</summary>
[Collection(CatalogChangingCollection.Name)]
public sealed class MarkupInDataTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    private const string Payload = "<img src=x onerror=__xss=7>";

    [Fact]
    public async Task A_grade_named_with_markup_shows_literally_on_the_sales_charts_and_runs_nothing()
    {
        using var api = await AdminApiAsync();
        var (productId, performanceId) = await DraftPerformanceWithGradeAsync(api, Payload);
        try
        {
            await InBrowserAsync(async page =>
            {
                var dialogs = 0;
                page.Dialog += (_, dialog) =>
                {
                    dialogs++;
                    _ = dialog.DismissAsync();
                };
                await page.GotoAsync($"/admin/performances/{performanceId}/sales");
                await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);
                await WaitForCircuitAsync(page);

                // The chart's axis label is the typed text itself, and no element was made from it.
                await Expect(page.Locator(".mud-chart").GetByText(Payload).First).ToBeAttachedAsync();
                await Expect(page.Locator(".mud-chart img")).ToHaveCountAsync(0);
                Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
                Assert.Equal(0, dialogs);
            });
        }
        finally
        {
            using (await api.DeleteAsync($"/api/products/{productId}", CancellationToken.None))
            {
            }
        }
    }

    private async Task<HttpClient> AdminApiAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email = Demo.AdminEmail, password = Demo.AdminPassword }, Cancellation);
        var token = (await ReadAsync(login)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A draft product (so no public list counts it) on a hall of its own, whose one grade has <paramref name="gradeName"/>.</summary>
    private static async Task<(int ProductId, int PerformanceId)> DraftPerformanceWithGradeAsync(HttpClient api, string gradeName)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var venue = await api.PostAsJsonAsync("/api/venues", new { name = $"Markup Hall {suffix}", address = "Seoul" }, Cancellation);
        var venueId = (await ReadAsync(venue)).GetProperty("id").GetInt32();
        var seats = new[] { new { id = (int?)null, number = 1, x = 0.0, y = 0.0, kind = "normal" }, new { id = (int?)null, number = 2, x = 1.0, y = 0.0, kind = "normal" } };
        using var hall = await api.PostAsJsonAsync(
            $"/api/venues/{venueId}/halls", new { name = "Main", sections = new[] { new { name = "Floor", rows = new[] { new { label = "A", seats } } } } }, Cancellation);
        var hallBody = await ReadAsync(hall);
        var seatIds = hallBody.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("rows").EnumerateArray())
            .SelectMany(r => r.GetProperty("seats").EnumerateArray())
            .Select(s => s.GetProperty("id").GetInt32())
            .ToArray();

        using var product = await api.PostAsJsonAsync("/api/products", new
        {
            title = $"Markup test {suffix}", category = "concert", description = "", runningMinutes = 60, ageRating = "All",
            salesStart = DateTimeOffset.UtcNow.AddDays(-1), salesEnd = DateTimeOffset.UtcNow.AddDays(30), status = "draft",
        }, Cancellation);
        var productId = (await ReadAsync(product)).GetProperty("id").GetInt32();
        using var performance = await api.PostAsJsonAsync($"/api/products/{productId}/performances", new
        {
            hallId = hallBody.GetProperty("id").GetInt32(),
            startsAt = DateTimeOffset.UtcNow.AddDays(7),
            grades = new[] { new { name = gradeName, price = 10_000, color = "#6a1b9a", seatIds } },
            status = "draft",
        }, Cancellation);
        return (productId, (await ReadAsync(performance)).GetProperty("id").GetInt32());
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
