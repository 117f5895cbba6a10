using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// Markup in every text an admin types (venue name and address, hall, section and row names, product title
/// and description, grade names) stays text on every page that shows it, public, member and admin: no
/// dialog opens, no element is made from it, and the text itself is on the page.
/// </summary>
[Collection(CatalogChangingCollection.Name)]
public sealed class MarkupEverywhereTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    private const string Image = "<img src=x onerror=alert(7)>";
    private const string Script = "\"><script>alert(8)</script>";
    private const string Row = "<b>A</b>"; // row labels are at most 10 characters
    private const string Password = "Markup!2345";

    [Fact]
    public async Task Markup_in_admin_texts_shows_literally_on_every_page_and_runs_nothing()
    {
        using var admin = await ApiAsync(Demo.AdminEmail, Demo.AdminPassword);
        var show = await MarkupShowAsync(admin);
        var memberEmail = $"markup-{show.Suffix}@atticket.test";
        using var member = await NewMemberApiAsync(memberEmail);
        var bookingId = await BookFirstSeatAsync(member, show);
        try
        {
            // Pages that must show the typed text; the others only must run nothing (they may not list this show).
            await VisitAsync(null, [
                ("/", false), ("/products", true), ($"/products?q={show.Suffix}", true), ($"/products/{show.ProductId}", true),
                ($"/performances/{show.PerformanceId}", true), ($"/live/{show.PerformanceId}", false),
            ]);
            await VisitAsync((memberEmail, Password), [("/bookings", true), ($"/bookings/{bookingId}", true)]);
            await VisitAsync((Demo.AdminEmail, Demo.AdminPassword), [
                ("/admin", false), ("/admin/products", true), ($"/admin/products/{show.ProductId}", true), ("/admin/venues", true),
                ($"/admin/halls/{show.HallId}", true), ($"/admin/performances?productId={show.ProductId}", true),
                ($"/admin/performances/{show.PerformanceId}", true), ($"/admin/performances/{show.PerformanceId}/sales", true),
                ($"/admin/performances/{show.PerformanceId}/bookings", true),
            ]);
        }
        finally
        {
            await CloseAsync(admin, show);
        }
    }

    /// <summary>Opens each page (signed in first when <paramref name="account"/> is given) and checks it; all findings are reported together.</summary>
    private async Task VisitAsync((string Email, string Password)? account, IReadOnlyList<(string Path, bool ShowsText)> pages)
    {
        await InBrowserAsync(async page =>
        {
            var dialogs = new List<string>();
            page.Dialog += (_, dialog) =>
            {
                lock (dialogs)
                {
                    dialogs.Add($"{page.Url}: {dialog.Message}");
                }

                _ = dialog.DismissAsync();
            };
            if (account is { } signIn)
            {
                await page.GotoAsync("/Account/Login");
                await SubmitLoginAsync(page, signIn.Email, signIn.Password);
                await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
            }

            var findings = new List<string>();
            foreach (var (path, showsText) in pages)
            {
                await GotoAsync(page, path);
                await page.WaitForTimeoutAsync(300); // charts and tooltips draw after the first render batch
                var state = await page.EvaluateAsync<JsonElement>(PageStateScript);
                var text = state.GetProperty("text").GetString()!;
                if (state.GetProperty("madeElements").GetInt32() > 0)
                {
                    findings.Add($"{path}: an element was made from the typed markup");
                }

                if (showsText && !(text.Contains(Image, StringComparison.Ordinal) || text.Contains(Script, StringComparison.Ordinal) || text.Contains(Row, StringComparison.Ordinal)))
                {
                    findings.Add($"{path}: the typed text is not shown literally");
                }

                Log($"{path}: {(text.Contains(Image, StringComparison.Ordinal) ? "image payload shown" : "-")}, {(text.Contains(Script, StringComparison.Ordinal) ? "script payload shown" : "-")}");
            }

            lock (dialogs)
            {
                findings.AddRange(dialogs.Select(d => "dialog opened: " + d));
            }

            Assert.True(findings.Count == 0, string.Join('\n', findings));
        });
    }

    /// <summary>The page's text (with form values and SVG labels), and how many elements the payloads would have made.</summary>
    private const string PageStateScript = """
        () => {
            const values = [...document.querySelectorAll('input, textarea')].map(e => e.value);
            const made = document.querySelectorAll('img[src="x"]').length
                + [...document.querySelectorAll('b')].filter(b => b.textContent === 'A').length
                + [...document.scripts].filter(s => s.textContent.includes('alert(8)')).length
                + [...document.querySelectorAll('img')].filter(i => i.getAttribute('onerror')).length;
            return { text: document.body.textContent + '\n' + values.join('\n'), madeElements: made };
        }
        """;

    private sealed record MarkupShow(string Suffix, int ProductId, int HallId, int PerformanceId, int[] SeatIds, int GradeId);

    /// <summary>A venue, a hall and an on-sale product and performance whose every admin-typed text carries markup.</summary>
    private static async Task<MarkupShow> MarkupShowAsync(HttpClient admin)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var venue = await PostAsync(admin, "/api/venues", new { name = $"Venue {suffix} {Image}", address = $"Seoul {Script}" });
        var seats = Enumerable.Range(1, 4).Select(n => new { id = (int?)null, number = n, x = (double)n, y = 0.0, kind = "normal" }).ToArray();
        var hall = await PostAsync(admin, $"/api/venues/{venue.GetProperty("id").GetInt32()}/halls", new
        {
            name = $"Hall {Script}",
            sections = new[] { new { name = Image, rows = new[] { new { label = Row, seats } } } },
        });
        var seatIds = hall.GetProperty("sections")[0].GetProperty("rows")[0].GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToArray();
        var product = await PostAsync(admin, "/api/products", new
        {
            title = $"Markup {suffix} {Image}{Script}", category = "concert", description = $"{Image} {Script}", runningMinutes = 60, ageRating = "All",
            salesStart = DateTimeOffset.UtcNow.AddDays(-1), salesEnd = DateTimeOffset.UtcNow.AddDays(30), status = "onSale",
        });
        var productId = product.GetProperty("id").GetInt32();
        var performance = await PostAsync(admin, $"/api/products/{productId}/performances", new
        {
            hallId = hall.GetProperty("id").GetInt32(),
            startsAt = DateTimeOffset.UtcNow.Date.AddDays(8).AddHours(10),
            grades = new[]
            {
                new { name = Image, price = 10_000, color = "#6a1b9a", seatIds = seatIds[..2] },
                new { name = Script, price = 20_000, color = "#2e86c1", seatIds = seatIds[2..] },
            },
            status = "onSale",
        });
        var gradeId = performance.GetProperty("grades").EnumerateArray().First(g => g.GetProperty("name").GetString() == Image).GetProperty("id").GetInt32();
        return new MarkupShow(suffix, productId, hall.GetProperty("id").GetInt32(), performance.GetProperty("id").GetInt32(), seatIds, gradeId);
    }

    private static async Task<Guid> BookFirstSeatAsync(HttpClient member, MarkupShow show)
    {
        var hold = await PostAsync(member, $"/api/performances/{show.PerformanceId}/holds", new { seatIds = new[] { show.SeatIds[0] } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                holdId = hold.GetProperty("id").GetGuid(),
                payment = new { cardNumber = "4242424242424242", expiry = DateTimeOffset.UtcNow.AddYears(2).ToString("MM/yy", CultureInfo.InvariantCulture), cvc = "123", holderName = "Markup Test" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await member.SendAsync(request, Cancellation);
        return (await MarkupInDataTests.ReadAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>Takes the product off sale again (it has a booking, so it stays), so tests that count the catalog count as before.</summary>
    private static async Task CloseAsync(HttpClient admin, MarkupShow show)
    {
        using var closed = await admin.PutAsJsonAsync($"/api/products/{show.ProductId}", new
        {
            title = $"Markup {show.Suffix} (closed)", category = "concert", description = "", runningMinutes = 60, ageRating = "All",
            salesStart = DateTimeOffset.UtcNow.AddDays(-1), salesEnd = DateTimeOffset.UtcNow.AddDays(30), status = "closed",
        }, CancellationToken.None);
        Assert.True(closed.IsSuccessStatusCode, $"Closing the markup product answered {(int)closed.StatusCode}.");
    }

    private async Task<HttpClient> ApiAsync(string email, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password }, Cancellation);
        var token = (await MarkupInDataTests.ReadAsync(login)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<HttpClient> NewMemberApiAsync(string email)
    {
        using (var anonymous = new HttpClient { BaseAddress = new Uri(App.BaseUrl) })
        using (var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password, acceptPrivacyTerms = true }, Cancellation))
        {
            Assert.True(registered.IsSuccessStatusCode, $"Registering {email} answered {(int)registered.StatusCode}.");
        }

        return await ApiAsync(email, Password);
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body, Cancellation);
        return await MarkupInDataTests.ReadAsync(response);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
