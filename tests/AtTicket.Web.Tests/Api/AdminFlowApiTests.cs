using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api;

/// <summary>An admin's day through the API, start to finish, and what a customer then finds.</summary>
public sealed class AdminFlowApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Admin_builds_a_show_that_a_customer_finds_with_remaining_seats_per_grade()
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();

        // A product, a venue, and a hall of two rows of four.
        var product = ProductBody.OnSale("Hongdae Unplugged");
        using var createdProduct = await admin.PostAsync("/api/products", product);
        var productId = (await ApiAssert.JsonAsync(createdProduct, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var venueName = ProductBody.Unique("Rolling Hall");
        using var createdVenue = await admin.PostAsync("/api/venues", new VenueBody(venueName, "Mapo-gu, Seoul"));
        var venueId = (await ApiAssert.JsonAsync(createdVenue, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        using var createdHall = await admin.PostAsync($"/api/venues/{venueId}/halls", HallBody.Grid("Club", rows: 2, seatsPerRow: 4));
        var hall = await ApiAssert.JsonAsync(createdHall, HttpStatusCode.Created);
        var hallId = hall.GetProperty("id").GetInt32();
        var front = AdminSetup.SeatIdsOfRow(hall, "A");
        var back = AdminSetup.SeatIdsOfRow(hall, "B");

        // A performance on sale with two grades that cover every seat.
        var startsAt = NewPerformanceBody.NextWeek();
        using var scheduled = await admin.PostAsync(
            $"/api/products/{productId}/performances",
            new NewPerformanceBody(hallId, startsAt, null, [new(null, "Front", 77_000, "#c0392b", front), new(null, "Back", 55_000, "#2e86c1", back)], "onSale"));
        var performance = await ApiAssert.JsonAsync(scheduled, HttpStatusCode.Created);
        var performanceId = performance.GetProperty("id").GetInt32();
        var frontGrade = AdminSetup.GradeId(performance, "Front");
        var backGrade = AdminSetup.GradeId(performance, "Back");
        Assert.Equal([(frontGrade, 4, 4), (backGrade, 4, 4)], Availability(await admin.GetJsonAsync($"/api/performances/{performanceId}/availability")));

        // A customer buys a front seat.
        var sold = front[2];
        await SeatSales.SellAsync(app.Services, performanceId, sold);
        Assert.Equal([(frontGrade, 4, 3), (backGrade, 4, 4)], Availability(await admin.GetJsonAsync($"/api/performances/{performanceId}/availability")));

        // The sold seat cannot move to the back grade, and the performance cannot go.
        using var remap = await admin.PutAsync(
            $"/api/performances/{performanceId}",
            new PerformanceChangeBody(startsAt, [new(frontGrade, "Front", 77_000, "#c0392b", [.. front.Except([sold])]), new(backGrade, "Back", 55_000, "#2e86c1", [.. back, sold])], "onSale"));
        var remapProblem = await ApiAssert.ProblemAsync(remap, HttpStatusCode.Conflict);
        Assert.Equal([sold], ApiAssert.Ints(remapProblem.GetProperty("lockedSeatIds")));
        using var delete = await admin.DeleteAsync($"/api/performances/{performanceId}");
        var deleteProblem = await ApiAssert.ProblemAsync(delete, HttpStatusCode.Conflict);
        Assert.Equal([sold], ApiAssert.Ints(deleteProblem.GetProperty("lockedSeatIds")));

        // The customer finds the product by search, and its performance with seats left per grade.
        var search = await customer.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(product.Title!)}");
        var summary = Assert.Single(search.GetProperty("items").EnumerateArray());
        Assert.Equal(productId, summary.GetProperty("id").GetInt32());
        Assert.Equal(55_000, summary.GetProperty("minPrice").GetInt64());
        Assert.Equal(startsAt, summary.GetProperty("firstPerformanceAt").GetDateTimeOffset());
        Assert.Equal([venueName], summary.GetProperty("venueNames").EnumerateArray().Select(v => v.GetString()));
        var detail = await customer.GetJsonAsync($"/api/products/{productId}");
        var shown = Assert.Single(detail.GetProperty("performances").EnumerateArray());
        Assert.Equal(performanceId, shown.GetProperty("id").GetInt32());
        Assert.Equal(
            [("Front", 77_000L, 4, 3), ("Back", 55_000L, 4, 4)],
            shown.GetProperty("grades").EnumerateArray().Select(g => (g.GetProperty("name").GetString(), g.GetProperty("price").GetInt64(), g.GetProperty("total").GetInt32(), g.GetProperty("remaining").GetInt32())));
        var seats = await customer.GetJsonAsync($"/api/performances/{performanceId}/seats");
        Assert.Equal("sold", seats.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == sold).GetProperty("status").GetString());
    }

    private static IEnumerable<(int GradeId, int Total, int Remaining)> Availability(JsonElement availability) =>
        availability.GetProperty("grades").EnumerateArray()
            .Select(g => (g.GetProperty("gradeId").GetInt32(), g.GetProperty("total").GetInt32(), g.GetProperty("remaining").GetInt32()))
            .ToList();
}
