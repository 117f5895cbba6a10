using System.Net;
using AtTicket.Infrastructure.Live;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// /api/performances and scheduling under /api/products/{id}/performances. Each test builds its own
/// <see cref="SmallShow"/> (2 x 3 hall, grade R = row A, grade S = row B) so seat numbers are its own.
/// </summary>
public sealed class PerformanceApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Performance_answers_its_venue_hall_status_and_grades_with_seat_counts()
    {
        var show = await SmallShowAsync();
        using var client = app.Anonymous();

        var performance = await client.GetJsonAsync($"/api/performances/{show.PerformanceId}");

        ApiAssert.HasFields(performance, "id", "productId", "productTitle", "startsAt", "venue", "hall", "status", "grades", "productTitleKo");
        Assert.Equal(show.PerformanceId, performance.GetProperty("id").GetInt32());
        Assert.Equal(show.ProductId, performance.GetProperty("productId").GetInt32());
        Assert.Equal(show.ProductTitle, performance.GetProperty("productTitle").GetString());
        Assert.Equal(NewPerformanceBody.NextWeek(), performance.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(show.VenueId, performance.GetProperty("venue").GetProperty("id").GetInt32());
        Assert.Equal(show.HallId, performance.GetProperty("hall").GetProperty("id").GetInt32());
        Assert.Equal("Studio", performance.GetProperty("hall").GetProperty("name").GetString());
        Assert.Equal("onSale", performance.GetProperty("status").GetString());
        var grades = performance.GetProperty("grades").EnumerateArray().ToList();
        Assert.All(grades, g => ApiAssert.HasFields(g, "id", "name", "price", "color", "total", "remaining"));
        Assert.Equal(
            [("R", SmallShow.PriceR, "#c0392b", 3, 3), ("S", SmallShow.PriceS, "#2e86c1", 3, 3)],
            grades.Select(g => (g.GetProperty("name").GetString(), g.GetProperty("price").GetInt64(), g.GetProperty("color").GetString(), g.GetProperty("total").GetInt32(), g.GetProperty("remaining").GetInt32())));
    }

    [Fact]
    public async Task Seats_answer_every_seat_with_position_grade_and_status()
    {
        var show = await SmallShowAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowB[2]);
        await SeatSales.HoldAsync(app.Services, show.PerformanceId, show.RowB[1]);
        using var client = app.Anonymous();

        var map = await client.GetJsonAsync($"/api/performances/{show.PerformanceId}/seats");

        ApiAssert.HasFields(map, "performanceId", "sequence", "seats");
        Assert.Equal(show.PerformanceId, map.GetProperty("performanceId").GetInt32());
        // The number of the last change the seats include: the node's own, now that both changes show.
        Assert.Equal(await app.Services.GetRequiredService<LiveSnapshotReader>().CurrentSequenceAsync(show.PerformanceId), map.GetProperty("sequence").GetInt64());
        var seats = map.GetProperty("seats").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt32());
        Assert.Equal([.. show.RowA, .. show.RowB], seats.Keys.Order());
        Assert.All(seats.Values, s => ApiAssert.HasFields(s, "id", "section", "row", "number", "x", "y", "kind", "gradeId", "status"));
        var first = seats[show.RowA[0]];
        Assert.Equal(("Main", "A", 1, 0.0, 0.0, "normal"), (first.GetProperty("section").GetString(), first.GetProperty("row").GetString(), first.GetProperty("number").GetInt32(), first.GetProperty("x").GetDouble(), first.GetProperty("y").GetDouble(), first.GetProperty("kind").GetString()));
        Assert.All(show.RowA, id => Assert.Equal(show.GradeR, seats[id].GetProperty("gradeId").GetInt32()));
        Assert.All(show.RowB, id => Assert.Equal(show.GradeS, seats[id].GetProperty("gradeId").GetInt32()));
        Assert.Equal(
            ["available", "available", "available", "available", "held", "sold"],
            seats.Keys.Order().Select(id => seats[id].GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Availability_answers_total_and_remaining_per_grade_counting_held_and_sold_seats_out()
    {
        var show = await SmallShowAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowA[0]);
        await SeatSales.HoldAsync(app.Services, show.PerformanceId, show.RowA[1]);
        using var client = app.Anonymous();

        var availability = await client.GetJsonAsync($"/api/performances/{show.PerformanceId}/availability");

        ApiAssert.HasFields(availability, "performanceId", "sequence", "grades");
        Assert.Equal(show.PerformanceId, availability.GetProperty("performanceId").GetInt32());
        var grades = availability.GetProperty("grades").EnumerateArray().ToList();
        Assert.All(grades, g => ApiAssert.HasFields(g, "gradeId", "name", "price", "total", "remaining"));
        Assert.Equal(
            [(show.GradeR, "R", SmallShow.PriceR, 3, 1), (show.GradeS, "S", SmallShow.PriceS, 3, 3)],
            grades.Select(g => (g.GetProperty("gradeId").GetInt32(), g.GetProperty("name").GetString(), g.GetProperty("price").GetInt64(), g.GetProperty("total").GetInt32(), g.GetProperty("remaining").GetInt32())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/seats")]
    [InlineData("/availability")]
    public async Task Missing_performance_answers_404_problem(string resource)
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync($"/api/performances/999999{resource}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_schedules_a_performance_that_its_Location_reads_back()
    {
        using var admin = await app.AdminAsync();
        var setup = new AdminSetup(admin);
        var productId = (await setup.CreateProductAsync(ProductBody.OnSale("Scheduled"))).GetProperty("id").GetInt32();
        var hall = await setup.CreateHallAsync(await setup.CreateVenueAsync("Scheduling venue"), HallBody.Grid("Box", 1, 4));
        var seats = AdminSetup.SeatIdsOfRow(hall, "A");
        var body = NewPerformanceBody.OnSale(hall.GetProperty("id").GetInt32(), new GradeBody(null, "Standing", 30_000, "#333333", seats));

        using var response = await admin.PostAsync($"/api/products/{productId}/performances", body);

        var created = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        ApiAssert.HasFields(created, "id", "productId", "productTitle", "startsAt", "venue", "hall", "status", "grades", "productTitleKo");
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/performances/{id}", ApiAssert.Location(response));
        using var client = app.Anonymous();
        var read = await client.GetJsonAsync(ApiAssert.Location(response));
        Assert.Equal(id, read.GetProperty("id").GetInt32());
        Assert.Equal("onSale", read.GetProperty("status").GetString());
        var grade = Assert.Single(read.GetProperty("grades").EnumerateArray());
        Assert.Equal(("Standing", 30_000L, 4, 4), (grade.GetProperty("name").GetString(), grade.GetProperty("price").GetInt64(), grade.GetProperty("total").GetInt32(), grade.GetProperty("remaining").GetInt32()));
    }

    [Fact]
    public async Task Scheduling_several_start_times_makes_one_performance_each()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var evenings = Enumerable.Range(8, 3).Select(d => NewPerformanceBody.NextWeek().AddDays(d)).ToList();
        var body = NewPerformanceBody.OnSale(show.HallId, Grades(show)) with { StartsAt = null, StartTimes = evenings };

        using var response = await admin.PostAsync($"/api/products/{show.ProductId}/performances", body);

        await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        var product = await admin.GetJsonAsync($"/api/products/{show.ProductId}");
        var starts = product.GetProperty("performances").EnumerateArray().Select(p => p.GetProperty("startsAt").GetDateTimeOffset()).ToList();
        Assert.Equal([NewPerformanceBody.NextWeek(), .. evenings], starts);
    }

    [Theory]
    [MemberData(nameof(BrokenPlans))]
    public async Task Scheduling_refuses_a_grade_plan_that_breaks_a_rule_with_400_problem(string rule)
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var other = await SmallShowAsync();
        GradeBody[] grades = rule switch
        {
            "a seat without a grade" => [new(null, "R", 80_000, "#c0392b", show.RowA), new(null, "S", 50_000, "#2e86c1", show.RowB.Skip(1).ToList())],
            "a seat in two grades" => [new(null, "R", 80_000, "#c0392b", show.RowA), new(null, "S", 50_000, "#2e86c1", [.. show.RowB, show.RowA[0]])],
            "a seat of another hall" => [new(null, "R", 80_000, "#c0392b", show.RowA), new(null, "S", 50_000, "#2e86c1", [.. show.RowB, other.RowA[0]])],
            "two grades with one name" => [new(null, "R", 80_000, "#c0392b", show.RowA), new(null, "r", 50_000, "#2e86c1", show.RowB)],
            "no grades" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        using var response = await admin.PostAsync($"/api/products/{show.ProductId}/performances", NewPerformanceBody.OnSale(show.HallId, grades));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var product = await admin.GetJsonAsync($"/api/products/{show.ProductId}");
        Assert.Single(product.GetProperty("performances").EnumerateArray());
    }

    public static readonly TheoryData<string> BrokenPlans =
        ["a seat without a grade", "a seat in two grades", "a seat of another hall", "two grades with one name", "no grades"];

    [Fact]
    public async Task Scheduling_refuses_the_same_start_time_twice_with_400_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var evening = NewPerformanceBody.NextWeek().AddDays(1);
        var body = NewPerformanceBody.OnSale(show.HallId, Grades(show)) with { StartsAt = null, StartTimes = [evening, evening] };

        using var response = await admin.PostAsync($"/api/products/{show.ProductId}/performances", body);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("startsAt")]
    [InlineData("hallId")]
    [InlineData("grades")]
    public async Task Scheduling_without_a_required_field_answers_400_naming_it(string field)
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var valid = NewPerformanceBody.OnSale(show.HallId, Grades(show));
        var body = field switch
        {
            "startsAt" => valid with { StartsAt = null },
            "hallId" => valid with { HallId = null },
            _ => valid with { Grades = null },
        };

        using var response = await admin.PostAsync($"/api/products/{show.ProductId}/performances", body);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("grades[0].name")]
    [InlineData("grades[0].price")]
    [InlineData("grades[0].color")]
    [InlineData("grades[0].seatIds")]
    public async Task Scheduling_with_an_incomplete_grade_answers_400_naming_the_field(string field)
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var r = Grades(show)[0];
        var broken = field switch
        {
            "grades[0].name" => r with { Name = null },
            "grades[0].price" => r with { Price = 0 },
            "grades[0].color" => r with { Color = null },
            _ => r with { SeatIds = null },
        };

        using var response = await admin.PostAsync(
            $"/api/products/{show.ProductId}/performances",
            NewPerformanceBody.OnSale(show.HallId, broken, Grades(show)[1]));

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Scheduling_with_an_unknown_status_answers_400_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();

        using var response = await admin.PostAsync(
            $"/api/products/{show.ProductId}/performances",
            NewPerformanceBody.OnSale(show.HallId, Grades(show)) with { Status = "soldOut" });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("status", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Scheduling_for_a_missing_product_answers_404_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();

        using var response = await admin.PostAsync("/api/products/999999/performances", NewPerformanceBody.OnSale(show.HallId, Grades(show)));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scheduling_in_a_missing_hall_answers_404_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();

        using var response = await admin.PostAsync($"/api/products/{show.ProductId}/performances", NewPerformanceBody.OnSale(999999, Grades(show)));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_moves_the_time_changes_prices_and_repaints_free_seats()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var later = NewPerformanceBody.NextWeek().AddDays(1);
        var grades = show.GradesWithMoved(show.RowA[2]);
        GradeBody[] change = [grades[0] with { Price = 90_000 }, grades[1] with { Name = "S+" }];

        using var response = await admin.PutAsync($"/api/performances/{show.PerformanceId}", new PerformanceChangeBody(later, change, "onSale"));

        var updated = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        ApiAssert.HasFields(updated, "id", "productId", "productTitle", "startsAt", "venue", "hall", "status", "grades", "productTitleKo");
        Assert.Equal(later, updated.GetProperty("startsAt").GetDateTimeOffset());
        using var client = app.Anonymous();
        var availability = await client.GetJsonAsync($"/api/performances/{show.PerformanceId}/availability");
        Assert.Equal(
            [(show.GradeR, "R", 90_000L, 2), (show.GradeS, "S+", SmallShow.PriceS, 4)],
            availability.GetProperty("grades").EnumerateArray().Select(g => (g.GetProperty("gradeId").GetInt32(), g.GetProperty("name").GetString(), g.GetProperty("price").GetInt64(), g.GetProperty("total").GetInt32())));
    }

    [Fact]
    public async Task Update_adds_a_grade_for_seats_taken_from_another()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var grades = show.GradesWithMoved();
        GradeBody[] change = [grades[0] with { SeatIds = show.RowA.Skip(1).ToList() }, grades[1], new(null, "VIP", 120_000, "#b8860b", [show.RowA[0]])];

        using var response = await admin.PutAsync($"/api/performances/{show.PerformanceId}", new PerformanceChangeBody(NewPerformanceBody.NextWeek(), change, "onSale"));

        var updated = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(
            [("VIP", 1), ("R", 2), ("S", 3)],
            updated.GetProperty("grades").EnumerateArray().Select(g => (g.GetProperty("name").GetString(), g.GetProperty("total").GetInt32())));
    }

    [Fact]
    public async Task Update_that_moves_a_held_seat_to_another_grade_answers_409_with_its_id_and_changes_nothing()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var held = show.RowA[1];
        await SeatSales.HoldAsync(app.Services, show.PerformanceId, held);

        using var response = await admin.PutAsync(
            $"/api/performances/{show.PerformanceId}",
            new PerformanceChangeBody(NewPerformanceBody.NextWeek().AddDays(1), show.GradesWithMoved(held, show.RowA[0]), "onSale"));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal([held], ApiAssert.Ints(problem.GetProperty("lockedSeatIds")));
        var performance = await admin.GetJsonAsync($"/api/performances/{show.PerformanceId}");
        Assert.Equal(NewPerformanceBody.NextWeek(), performance.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal([3, 3], performance.GetProperty("grades").EnumerateArray().Select(g => g.GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task Update_that_keeps_a_sold_seat_in_its_grade_succeeds()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowA[0]);

        using var response = await admin.PutAsync(
            $"/api/performances/{show.PerformanceId}",
            new PerformanceChangeBody(NewPerformanceBody.NextWeek(), show.GradesWithMoved(show.RowA[2]), "onSale"));

        var updated = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(
            [("R", 2, 1), ("S", 4, 4)],
            updated.GetProperty("grades").EnumerateArray().Select(g => (g.GetProperty("name").GetString(), g.GetProperty("total").GetInt32(), g.GetProperty("remaining").GetInt32())));
    }

    [Fact]
    public async Task Update_that_leaves_a_seat_of_an_on_sale_performance_without_a_grade_answers_400_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var grades = show.GradesWithMoved();

        using var response = await admin.PutAsync(
            $"/api/performances/{show.PerformanceId}",
            new PerformanceChangeBody(NewPerformanceBody.NextWeek(), [grades[0], grades[1] with { SeatIds = show.RowB.Skip(1).ToList() }], "onSale"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Update_naming_a_grade_of_another_performance_answers_400_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var other = await SmallShowAsync();
        var grades = show.GradesWithMoved();

        using var response = await admin.PutAsync(
            $"/api/performances/{show.PerformanceId}",
            new PerformanceChangeBody(NewPerformanceBody.NextWeek(), [grades[0] with { Id = other.GradeR }, grades[1]], "onSale"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("startsAt")]
    [InlineData("grades")]
    public async Task Update_without_a_required_field_answers_400_naming_it(string field)
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        var valid = new PerformanceChangeBody(NewPerformanceBody.NextWeek(), show.GradesWithMoved(), "onSale");

        using var response = await admin.PutAsync(
            $"/api/performances/{show.PerformanceId}",
            field == "startsAt" ? valid with { StartsAt = null } : valid with { Grades = null });

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Update_of_a_missing_performance_answers_404_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();

        using var response = await admin.PutAsync("/api/performances/999999", new PerformanceChangeBody(NewPerformanceBody.NextWeek(), show.GradesWithMoved(), "onSale"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_puts_a_draft_performance_on_sale()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Opening", performanceStatus: "draft");

        using var response = await admin.PutAsync(
            $"/api/performances/{show.PerformanceId}",
            new PerformanceChangeBody(NewPerformanceBody.NextWeek(), show.GradesWithMoved(), "onSale"));

        Assert.Equal("onSale", (await ApiAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("status").GetString());
        using var client = app.Anonymous();
        await client.GetJsonAsync($"/api/performances/{show.PerformanceId}");
    }

    [Fact]
    public async Task Update_with_malformed_json_answers_400_problem()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();

        using var response = await admin.SendRawAsync(HttpMethod.Put, $"/api/performances/{show.PerformanceId}", """{"startsAt": "2030-01-01T19:00:00+09:00", "grades": [""");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Admin_deletes_a_performance_nobody_holds_a_seat_of()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();

        using var response = await admin.DeleteAsync($"/api/performances/{show.PerformanceId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var gone = await admin.GetAsync($"/api/performances/{show.PerformanceId}");
        await ApiAssert.ProblemAsync(gone, HttpStatusCode.NotFound);
        Assert.Empty((await admin.GetJsonAsync($"/api/products/{show.ProductId}")).GetProperty("performances").EnumerateArray());
    }

    [Fact]
    public async Task Delete_of_a_performance_with_a_held_seat_answers_409_with_its_id()
    {
        using var admin = await app.AdminAsync();
        var show = await SmallShowAsync();
        await SeatSales.HoldAsync(app.Services, show.PerformanceId, show.RowB[0]);

        using var response = await admin.DeleteAsync($"/api/performances/{show.PerformanceId}");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal([show.RowB[0]], ApiAssert.Ints(problem.GetProperty("lockedSeatIds")));
        await admin.GetJsonAsync($"/api/performances/{show.PerformanceId}");
    }

    [Fact]
    public async Task Delete_of_a_missing_performance_answers_404_problem()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.DeleteAsync("/api/performances/999999");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<SmallShow> SmallShowAsync()
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync();
    }

    private static GradeBody[] Grades(SmallShow show) =>
    [
        new(null, "R", SmallShow.PriceR, "#c0392b", show.RowA),
        new(null, "S", SmallShow.PriceS, "#2e86c1", show.RowB),
    ];
}
