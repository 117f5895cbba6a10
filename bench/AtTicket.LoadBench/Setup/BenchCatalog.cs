using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtTicket.LoadBench.Setup;

/// <summary>A seat of the benchmark hall: row 0 is the front row, where every buyer wants to sit.</summary>
public sealed record BenchSeat(int Id, int Row, int Number, int GradeId);

public sealed record BenchPerformance(int ProductId, int PerformanceId, IReadOnlyList<BenchSeat> Seats);

/// <summary>
/// The benchmark's venue, hall, product and performances, made through the admin API as an admin
/// would make them: a hall of rows × seats in one section, four grades by distance from the stage,
/// the product and its performances on sale, starting in a week.
/// </summary>
public sealed class BenchCatalog(HttpClient admin)
{
    /// <summary>The hall's one section.</summary>
    public const string SectionName = "Floor";

    private static readonly (string Name, long Price, string Color, double UpToShareOfRows)[] Grades =
    [
        ("VIP", 180_000, "#8e44ad", 0.125),
        ("R", 150_000, "#c0392b", 0.375),
        ("S", 120_000, "#2980b9", 0.6875),
        ("A", 90_000, "#27ae60", 1.0),
    ];

    /// <summary>Signs the admin in through the API (one real password check) and returns a client carrying the token.</summary>
    public static async Task<(HttpClient Client, string Token)> SignInAsync(string baseUrl, string email, string password)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        await ExpectAsync(response, HttpStatusCode.OK, $"log in {email}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    public async Task<(int HallId, IReadOnlyList<(int Id, int Row, int Number)> Seats)> CreateHallAsync(string name, int rows, int seatsPerRow)
    {
        using var venue = await admin.PostAsJsonAsync("/api/venues", new { name = name + " venue", address = "Benchmark" }, Json.Api);
        await ExpectAsync(venue, HttpStatusCode.Created, "create the benchmark venue");
        var venueId = (await venue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var layout = new
        {
            name,
            sections = new[]
            {
                new
                {
                    name = SectionName,
                    rows = Enumerable.Range(0, rows).Select(r => new
                    {
                        label = RowLabel(r),
                        seats = Enumerable.Range(1, seatsPerRow).Select(n => new { id = (int?)null, number = n, x = (double)n, y = (double)r + 1, kind = "normal" }),
                    }),
                },
            },
        };
        using var hall = await admin.PostAsJsonAsync($"/api/venues/{venueId}/halls", layout, Json.Api);
        await ExpectAsync(hall, HttpStatusCode.Created, "create the benchmark hall");
        var body = await hall.Content.ReadFromJsonAsync<JsonElement>();
        var rowIndexes = Enumerable.Range(0, rows).ToDictionary(RowLabel);
        var seats = new List<(int, int, int)>();
        foreach (var row in body.GetProperty("sections")[0].GetProperty("rows").EnumerateArray())
        {
            var rowIndex = rowIndexes[row.GetProperty("label").GetString()!];
            seats.AddRange(row.GetProperty("seats").EnumerateArray().Select(s => (s.GetProperty("id").GetInt32(), rowIndex, s.GetProperty("number").GetInt32())));
        }

        return (body.GetProperty("id").GetInt32(), seats);
    }

    public async Task<int> CreateProductAsync(string title)
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await admin.PostAsJsonAsync("/api/products", new
        {
            title,
            category = "concert",
            description = "Made by the load benchmark.",
            runningMinutes = 120,
            ageRating = "All",
            salesStart = now.AddDays(-1),
            salesEnd = now.AddDays(30),
            status = "onSale",
        }, Json.Api);
        await ExpectAsync(response, HttpStatusCode.Created, "create the benchmark product");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A performance of <paramref name="productId"/> in the hall, on sale, its seats graded by row.</summary>
    public async Task<BenchPerformance> SchedulePerformanceAsync(int productId, int hallId, IReadOnlyList<(int Id, int Row, int Number)> seats, DateTimeOffset startsAt)
    {
        var rows = seats.Max(s => s.Row) + 1;
        var grades = Grades.Select((g, i) => new
        {
            id = (int?)null,
            name = g.Name,
            price = g.Price,
            color = g.Color,
            seatIds = seats.Where(s => GradeOf(s.Row, rows) == i).Select(s => s.Id).ToList(),
        }).ToList();
        using var response = await admin.PostAsJsonAsync($"/api/products/{productId}/performances", new { hallId, startsAt, grades, status = "onSale" }, Json.Api);
        await ExpectAsync(response, HttpStatusCode.Created, "schedule the benchmark performance");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var gradeIds = body.GetProperty("grades").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, g => g.GetProperty("id").GetInt32());
        var graded = seats.Select(s => new BenchSeat(s.Id, s.Row, s.Number, gradeIds[Grades[GradeOf(s.Row, rows)].Name])).ToList();
        return new BenchPerformance(productId, body.GetProperty("id").GetInt32(), graded);
    }

    private static int GradeOf(int row, int rows) => Array.FindIndex(Grades, g => row < Math.Ceiling(g.UpToShareOfRows * rows));

    /// <summary>A, B, … Z, AA, AB, …</summary>
    public static string RowLabel(int index) => index < 26 ? ((char)('A' + index)).ToString() : RowLabel(index / 26 - 1) + (char)('A' + index % 26);

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
