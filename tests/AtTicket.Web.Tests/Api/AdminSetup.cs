using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// A show built through the API: an on-sale product, a new venue with a 2 x 3 hall, and one upcoming
/// performance on sale whose grade R (80,000 won) is row A and grade S (50,000 won) is row B.
/// </summary>
public sealed record SmallShow(
    int ProductId,
    string ProductTitle,
    int VenueId,
    int HallId,
    int PerformanceId,
    int GradeR,
    int GradeS,
    IReadOnlyList<int> RowA,
    IReadOnlyList<int> RowB)
{
    public const long PriceR = 80_000;
    public const long PriceS = 50_000;

    /// <summary>The performance's grades as a PUT sends them, with <paramref name="moved"/> seats of row A painted into S.</summary>
    public IReadOnlyList<GradeBody> GradesWithMoved(params int[] moved) =>
    [
        new(GradeR, "R", PriceR, "#c0392b", [.. RowA.Except(moved)]),
        new(GradeS, "S", PriceS, "#2e86c1", [.. RowB, .. moved]),
    ];
}

/// <summary>Admin steps through the API that tests build on; each step must succeed.</summary>
public sealed class AdminSetup(ApiClient admin)
{
    public async Task<JsonElement> CreateProductAsync(ProductBody product)
    {
        using var response = await admin.PostAsync("/api/products", product);
        return await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public async Task<int> CreateVenueAsync(string name)
    {
        using var response = await admin.PostAsync("/api/venues", new VenueBody(ProductBody.Unique(name), "Mapo-gu, Seoul"));
        return (await ApiAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    public async Task<JsonElement> CreateHallAsync(int venueId, HallBody hall)
    {
        using var response = await admin.PostAsync($"/api/venues/{venueId}/halls", hall);
        return await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonElement> ScheduleAsync(int productId, NewPerformanceBody performance)
    {
        using var response = await admin.PostAsync($"/api/products/{productId}/performances", performance);
        return await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public async Task<SmallShow> SmallShowAsync(string title = "Small show", string performanceStatus = "onSale", ProductBody? product = null)
    {
        var created = await CreateProductAsync(product ?? ProductBody.OnSale(title));
        var venueId = await CreateVenueAsync("Test venue");
        var hall = await CreateHallAsync(venueId, HallBody.Grid("Studio", rows: 2, seatsPerRow: 3));
        var rowA = SeatIdsOfRow(hall, "A");
        var rowB = SeatIdsOfRow(hall, "B");
        var performance = await ScheduleAsync(
            created.GetProperty("id").GetInt32(),
            NewPerformanceBody.OnSale(
                hall.GetProperty("id").GetInt32(),
                new GradeBody(null, "R", SmallShow.PriceR, "#c0392b", rowA),
                new GradeBody(null, "S", SmallShow.PriceS, "#2e86c1", rowB)) with { Status = performanceStatus });
        return new SmallShow(
            created.GetProperty("id").GetInt32(),
            created.GetProperty("title").GetString()!,
            venueId,
            hall.GetProperty("id").GetInt32(),
            performance.GetProperty("id").GetInt32(),
            GradeId(performance, "R"),
            GradeId(performance, "S"),
            rowA,
            rowB);
    }

    /// <summary>Seat ids of one row of a hall answer (<c>sections[].rows[].seats[].id</c>), left to right.</summary>
    public static IReadOnlyList<int> SeatIdsOfRow(JsonElement hall, string row) =>
        [.. hall.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("rows").EnumerateArray())
            .Where(r => r.GetProperty("label").GetString() == row)
            .SelectMany(r => r.GetProperty("seats").EnumerateArray())
            .Select(s => s.GetProperty("id").GetInt32())];

    public static int GradeId(JsonElement performance, string name) =>
        performance.GetProperty("grades").EnumerateArray().Single(g => g.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
}
