using System.Net;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// Input that once reached a 500 (or was stored and broke the pages showing it) answers a 400 problem
/// naming what is wrong: nulls in the account endpoints, null grades, integer enums, a missing status,
/// unsafe poster addresses, control characters, dates outside the platform's window, duplicate seats.
/// </summary>
public sealed class BadInputApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData("/api/auth/login", """{"email":null,"password":null}""", "email")]
    [InlineData("/api/auth/login", """{"email":"minji@atticket.local","password":null}""", "password")]
    [InlineData("/api/auth/register", """{"email":"new@atticket.local","password":null}""", "password")]
    [InlineData("/api/auth/forgotPassword", """{"email":null}""", "email")]
    [InlineData("/api/auth/resendConfirmationEmail", """{"email":null}""", "email")]
    [InlineData("/api/auth/resetPassword", """{"email":null,"resetCode":null,"newPassword":null}""", "resetCode")]
    [InlineData("/api/auth/refresh", """{"refreshToken":null}""", "refreshToken")]
    public async Task Null_in_an_account_request_answers_400_naming_the_field(string path, string json, string field)
    {
        using var client = app.Anonymous();

        using var response = await client.SendRawAsync(HttpMethod.Post, path, json);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Scheduling_with_a_null_grade_answers_400_naming_it()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync();

        using var response = await admin.SendRawAsync(
            HttpMethod.Post,
            $"/api/products/{show.ProductId}/performances",
            $$"""{"hallId":{{show.HallId}},"startsAt":"2030-01-01T19:00:00+09:00","grades":[null],"status":"draft"}""");

        await ApiAssert.ValidationProblemAsync(response, "grades[0]");
    }

    [Fact]
    public async Task Editing_with_a_null_grade_answers_400_naming_it()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync();

        using var response = await admin.SendRawAsync(
            HttpMethod.Put, $"/api/performances/{show.PerformanceId}", """{"startsAt":"2030-01-01T19:00:00+09:00","grades":[null],"status":"onSale"}""");

        await ApiAssert.ValidationProblemAsync(response, "grades[0]");
    }

    [Fact]
    public async Task Scheduling_without_a_status_answers_400_instead_of_publishing()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync();

        using var response = await admin.PostAsync(
            $"/api/products/{show.ProductId}/performances", NewPerformanceBody.OnSale(show.HallId, Grades(show)) with { Status = null });

        await ApiAssert.ValidationProblemAsync(response, "status");
    }

    [Fact]
    public async Task An_enum_given_as_a_number_answers_400()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.SendRawAsync(
            HttpMethod.Post,
            "/api/products",
            """{"title":"Numbers","category":"concert","runningMinutes":60,"ageRating":"All","salesStart":"2030-01-01T00:00:00Z","salesEnd":"2030-02-01T00:00:00Z","status":99}""");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("status", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/poster.png")]
    [InlineData("http://plain.example/poster.png")]
    [InlineData("/media/\"><script>alert(1)</script>")]
    [InlineData("data:image/svg+xml,<svg onload=alert(1)>")]
    public async Task An_unsafe_poster_address_answers_400(string posterUrl)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/products", ProductBody.Draft("Poster") with { PosterUrl = posterUrl });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("poster", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/media/posters/0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("https://images.example/poster.png?size=large")]
    public async Task A_local_or_https_poster_address_is_kept(string posterUrl)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/products", ProductBody.Draft("Poster") with { PosterUrl = posterUrl });

        var created = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(posterUrl, created.GetProperty("posterUrl").GetString());
    }

    [Theory]
    [InlineData("Evil\u202Egnp.exe")]
    [InlineData("Line\u0000break")]
    [InlineData("Bell\u0007")]
    [InlineData("Isolate\u2067x")]
    public async Task A_title_with_control_or_direction_override_characters_answers_400(string title)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/products", ProductBody.Draft("x") with { Title = title });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("title", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_venue_name_with_a_direction_override_answers_400()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/venues", new VenueBody("Hall\u202E", "Seoul"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_performance_dated_9999_answers_400_and_the_public_pages_keep_working()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync();

        using var scheduled = await admin.PostAsync(
            $"/api/products/{show.ProductId}/performances",
            NewPerformanceBody.OnSale(show.HallId, Grades(show)) with { StartsAt = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero) });
        using var moved = await admin.PutAsync(
            $"/api/performances/{show.PerformanceId}",
            new PerformanceChangeBody(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), Grades(show), "onSale"));

        var problem = await ApiAssert.ProblemAsync(scheduled, HttpStatusCode.BadRequest);
        Assert.Contains("performance date", problem.GetProperty("detail").GetString());
        await ApiAssert.ProblemAsync(moved, HttpStatusCode.BadRequest);
        using var client = app.Anonymous();
        using var product = await client.GetAsync($"/api/products/{show.ProductId}");
        await ApiAssert.JsonAsync(product, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_sale_period_ending_in_9999_answers_400()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync(
            "/api/products", ProductBody.Draft("Forever") with { SalesEnd = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero) });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("end of sales", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_hall_with_two_seats_of_the_same_label_answers_400()
    {
        using var admin = await app.AdminAsync();
        var venueId = await new AdminSetup(admin).CreateVenueAsync(ProductBody.Unique("Twins"));
        var twins = new HallBody("Twins", [new SectionBody("Main", [new RowBody("A", [new SeatBody(null, 1, 0, 0, "normal"), new SeatBody(null, 1, 1, 0, "normal")])])]);

        using var response = await admin.PostAsync($"/api/venues/{venueId}/halls", twins);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("twice", problem.GetProperty("detail").GetString());
        Assert.Equal(["sections[0].rows[0].seats[1]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Saving_a_hall_that_relabels_two_seats_alike_answers_400_and_changes_nothing()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync(performanceStatus: "draft");
        var same = new HallBody("Studio", [new SectionBody("Main", [new RowBody("A", [new SeatBody(show.RowA[0], 1, 0, 0, "normal"), new SeatBody(show.RowA[1], 1, 1, 0, "normal")])])]);

        using var response = await admin.PutAsync($"/api/halls/{show.HallId}", same);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var hall = await admin.GetJsonAsync($"/api/halls/{show.HallId}");
        Assert.Equal(show.RowA.Count + show.RowB.Count, hall.GetProperty("seatCount").GetInt32());
    }

    [Fact]
    public async Task Saving_a_hall_that_lists_a_seat_id_twice_answers_400()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync(performanceStatus: "draft");
        var twice = new HallBody("Studio", [new SectionBody("Main", [new RowBody("A", [new SeatBody(show.RowA[0], 1, 0, 0, "normal"), new SeatBody(show.RowA[0], 2, 1, 0, "normal")])])]);

        using var response = await admin.PutAsync($"/api/halls/{show.HallId}", twice);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"id {show.RowA[0]}", problem.GetProperty("detail").GetString());
        Assert.Equal(["sections[0].rows[0].seats[1]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("page=2147483647")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page=99999999999999")]
    public async Task A_product_page_out_of_range_answers_400(string query)
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync("/api/products?" + query);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static GradeBody[] Grades(SmallShow show) =>
    [
        new(null, "R", SmallShow.PriceR, "#c0392b", show.RowA),
        new(null, "S", SmallShow.PriceS, "#2e86c1", show.RowB),
    ];
}
