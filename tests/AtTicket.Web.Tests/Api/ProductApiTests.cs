using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// /api/products: search, detail, and the admin's create, update and delete. Read tests use demo data
/// by category, search text or id, which the products these tests create never match.
/// </summary>
public sealed class ProductApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static readonly string[] SummaryFields =
        ["id", "title", "category", "posterUrl", "status", "firstPerformanceAt", "lastPerformanceAt", "minPrice", "venueNames", "titleKo", "venueNamesKo"];

    private static readonly string[] DetailFields =
        [.. SummaryFields, "description", "runningMinutes", "ageRating", "salesStart", "salesEnd", "performances", "descriptionKo"];

    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    [Fact]
    public async Task List_answers_a_page_of_product_summaries()
    {
        using var client = app.Anonymous();

        var page = await client.GetJsonAsync("/api/products?category=movie");

        ApiAssert.HasFields(page, "items", "page", "pageSize", "totalCount");
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
        var all = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(all.Count, page.GetProperty("totalCount").GetInt32());

        // Other tests of this class share the app and may add a movie of their own; the demo ones must be there.
        var items = all.Where(i => i.GetProperty("title").GetString() is "Starfall Harbor" or "The Last Tram Home").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(all, i => Assert.Equal("movie", i.GetProperty("category").GetString()));
        foreach (var item in items)
        {
            ApiAssert.HasFields(item, SummaryFields);
            Assert.Equal("movie", item.GetProperty("category").GetString());
            Assert.Equal("onSale", item.GetProperty("status").GetString());
            Assert.Equal(14_000, item.GetProperty("minPrice").GetInt64());
            Assert.Equal(["Cine Hangang"], item.GetProperty("venueNames").EnumerateArray().Select(v => v.GetString()));
            Assert.True(item.GetProperty("firstPerformanceAt").GetDateTimeOffset() <= item.GetProperty("lastPerformanceAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task List_finds_products_by_words_of_their_title()
    {
        using var client = app.Anonymous();

        var page = await client.GetJsonAsync("/api/products?q=lantern");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("The Lantern Keeper", item.GetProperty("title").GetString());
        Assert.Equal("musical", item.GetProperty("category").GetString());
    }

    [Fact]
    public async Task List_keeps_products_with_a_performance_in_the_date_range()
    {
        using var client = app.Anonymous();
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(Kst).Date, Kst);
        var from = Uri.EscapeDataString(today.AddDays(20).ToString("O"));
        var to = Uri.EscapeDataString(today.AddDays(21).ToString("O"));

        var page = await client.GetJsonAsync($"/api/products?from={from}&to={to}");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("Moonlight over Hanok", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task List_keeps_products_playing_at_the_venue()
    {
        using var client = app.Anonymous();
        var venues = await client.GetJsonAsync("/api/venues");
        var cinema = venues.EnumerateArray().Single(v => v.GetProperty("name").GetString() == "Cine Hangang").GetProperty("id").GetInt32();

        var page = await client.GetJsonAsync($"/api/products?venueId={cinema}");

        Assert.Equal(
            ["Starfall Harbor", "The Last Tram Home"],
            page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).Order());
    }

    [Fact]
    public async Task List_pages_through_the_results()
    {
        using var client = app.Anonymous();

        var first = await client.GetJsonAsync("/api/products?category=concert&pageSize=1&page=1");
        var second = await client.GetJsonAsync("/api/products?category=concert&pageSize=1&page=2");

        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(1, second.GetProperty("pageSize").GetInt32());
        Assert.Equal(first.GetProperty("totalCount").GetInt32(), second.GetProperty("totalCount").GetInt32());
        Assert.True(first.GetProperty("totalCount").GetInt32() >= 2);
        Assert.NotEqual(Single(first).GetProperty("id").GetInt32(), Single(second).GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("category=opera", "category")]
    [InlineData("category=1", "category")]
    [InlineData("status=archived", "status")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "to")]
    [InlineData("from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", "to")]
    public async Task List_refuses_a_bad_query_with_400_naming_the_parameter(string query, string field)
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync($"/api/products?{query}");

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("from=yesterday")]
    [InlineData("venueId=hall")]
    public async Task List_refuses_a_value_of_the_wrong_type_with_400_problem(string query)
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync($"/api/products?{query}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Detail_answers_the_product_with_its_performances_and_seats_per_grade()
    {
        using var client = app.Anonymous();
        var id = await DemoProductIdAsync(client, "Aurora");

        var product = await client.GetJsonAsync($"/api/products/{id}");

        ApiAssert.HasFields(product, DetailFields);
        Assert.Equal("Aurora Lights: Live in Seoul", product.GetProperty("title").GetString());
        Assert.Equal(120, product.GetProperty("runningMinutes").GetInt32());
        Assert.Equal("12+", product.GetProperty("ageRating").GetString());
        Assert.Equal(["Hanbit Concert Hall"], product.GetProperty("venueNames").EnumerateArray().Select(v => v.GetString()));
        var performances = product.GetProperty("performances").EnumerateArray().ToList();
        Assert.Equal(3, performances.Count);
        var performance = performances[0];
        ApiAssert.HasFields(performance, "id", "productId", "productTitle", "startsAt", "venue", "hall", "status", "grades", "productTitleKo");
        Assert.Equal(id, performance.GetProperty("productId").GetInt32());
        Assert.Equal("onSale", performance.GetProperty("status").GetString());
        ApiAssert.HasFields(performance.GetProperty("venue"), "id", "name", "nameKo", "address", "addressKo");
        ApiAssert.HasFields(performance.GetProperty("hall"), "id", "name", "nameKo");
        Assert.Equal("Main Hall", performance.GetProperty("hall").GetProperty("name").GetString());
        var grades = performance.GetProperty("grades").EnumerateArray().ToList();
        Assert.Equal(["VIP", "R", "S", "A"], grades.Select(g => g.GetProperty("name").GetString()));
        foreach (var grade in grades)
        {
            ApiAssert.HasFields(grade, "id", "name", "price", "color", "total", "remaining");
            Assert.True(grade.GetProperty("total").GetInt32() > 0);
            Assert.Equal(grade.GetProperty("total").GetInt32(), grade.GetProperty("remaining").GetInt32());
        }

        Assert.Equal(1_024, grades.Sum(g => g.GetProperty("total").GetInt32()));
        Assert.Equal(66_000, product.GetProperty("minPrice").GetInt64());
    }

    [Fact]
    public async Task Detail_of_a_missing_product_answers_404_problem()
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync("/api/products/999999");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_creates_a_product_that_its_Location_reads_back()
    {
        using var admin = await app.AdminAsync();
        var body = ProductBody.OnSale("Round trip") with { Category = "musical", PosterUrl = "/posters/round-trip.webp" };

        using var response = await admin.PostAsync("/api/products", body);

        var created = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        ApiAssert.HasFields(created, DetailFields);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/products/{id}", ApiAssert.Location(response));
        using var client = app.Anonymous();
        var read = await client.GetJsonAsync(ApiAssert.Location(response));
        Assert.Equal(body.Title, read.GetProperty("title").GetString());
        Assert.Equal("musical", read.GetProperty("category").GetString());
        Assert.Equal("onSale", read.GetProperty("status").GetString());
        Assert.Equal(body.Description, read.GetProperty("description").GetString());
        Assert.Equal(95, read.GetProperty("runningMinutes").GetInt32());
        Assert.Equal("12+", read.GetProperty("ageRating").GetString());
        Assert.Equal("/posters/round-trip.webp", read.GetProperty("posterUrl").GetString());
        Assert.Equal(body.SalesStart, read.GetProperty("salesStart").GetDateTimeOffset());
        Assert.Equal(body.SalesEnd, read.GetProperty("salesEnd").GetDateTimeOffset());
        Assert.Empty(read.GetProperty("performances").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("minPrice").ValueKind);
    }

    [Fact]
    public async Task Created_product_is_found_by_search_at_once()
    {
        using var admin = await app.AdminAsync();
        var created = await new AdminSetup(admin).CreateProductAsync(ProductBody.OnSale("Fresh in search"));
        using var client = app.Anonymous();

        var page = await client.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(created.GetProperty("title").GetString()!)}");

        Assert.Equal(created.GetProperty("id").GetInt32(), Single(page).GetProperty("id").GetInt32());
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_refuses_a_missing_or_invalid_field_with_400_naming_it(string field, ProductBody body)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/products", body);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    public static TheoryData<string, ProductBody> InvalidFields()
    {
        var valid = ProductBody.OnSale("Invalid");
        return new()
        {
            { "title", valid with { Title = null } },
            { "title", valid with { Title = "" } },
            { "title", valid with { Title = new string('x', 201) } },
            { "category", valid with { Category = null } },
            { "runningMinutes", valid with { RunningMinutes = 0 } },
            { "runningMinutes", valid with { RunningMinutes = 1441 } },
            { "ageRating", valid with { AgeRating = null } },
            { "salesStart", valid with { SalesStart = null } },
            { "salesEnd", valid with { SalesEnd = null } },
        };
    }

    [Fact]
    public async Task Create_refuses_a_sale_that_ends_before_it_starts_with_400_problem()
    {
        using var admin = await app.AdminAsync();
        var body = ProductBody.OnSale("Backwards") with { SalesStart = DateTimeOffset.UtcNow.AddDays(10), SalesEnd = DateTimeOffset.UtcNow.AddDays(1) };

        using var response = await admin.PostAsync("/api/products", body);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The sale period must end after it starts.", problem.GetProperty("detail").GetString());
        var search = await admin.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(body.Title!)}");
        Assert.Equal(0, search.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("""{"title":"Bad category","category":"opera","runningMinutes":90,"ageRating":"All","salesStart":"2030-01-01T00:00:00Z","salesEnd":"2030-02-01T00:00:00Z"}""")]
    [InlineData("""{"title":"Numeric category","category":7,"runningMinutes":90,"ageRating":"All","salesStart":"2030-01-01T00:00:00Z","salesEnd":"2030-02-01T00:00:00Z"}""")]
    [InlineData("""{"title":"Bad status","category":"concert","runningMinutes":90,"ageRating":"All","salesStart":"2030-01-01T00:00:00Z","salesEnd":"2030-02-01T00:00:00Z","status":"live"}""")]
    [InlineData("""{"title":"Bad date","category":"concert","runningMinutes":90,"ageRating":"All","salesStart":"next monday","salesEnd":"2030-02-01T00:00:00Z"}""")]
    [InlineData("""{"title":"Text for a number","category":"concert","runningMinutes":"ninety","ageRating":"All","salesStart":"2030-01-01T00:00:00Z","salesEnd":"2030-02-01T00:00:00Z"}""")]
    [InlineData("""{"title": "Broken""")]
    [InlineData("")]
    public async Task Create_refuses_unreadable_json_with_400_problem(string json)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.SendRawAsync(HttpMethod.Post, "/api/products", json);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Admin_updates_a_product_and_customers_see_the_change_at_once()
    {
        using var admin = await app.AdminAsync();
        using var client = app.Anonymous();
        var setup = new AdminSetup(admin);
        var id = (await setup.CreateProductAsync(ProductBody.OnSale("Before"))).GetProperty("id").GetInt32();
        _ = await client.GetJsonAsync($"/api/products/{id}");
        var change = ProductBody.OnSale("After") with { Category = "movie", RunningMinutes = 130, AgeRating = "15+" };

        using var response = await admin.PutAsync($"/api/products/{id}", change);

        var updated = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        ApiAssert.HasFields(updated, DetailFields);
        Assert.Equal(change.Title, updated.GetProperty("title").GetString());
        var read = await client.GetJsonAsync($"/api/products/{id}");
        Assert.Equal(change.Title, read.GetProperty("title").GetString());
        Assert.Equal("movie", read.GetProperty("category").GetString());
        Assert.Equal(130, read.GetProperty("runningMinutes").GetInt32());
        Assert.Equal("15+", read.GetProperty("ageRating").GetString());
    }

    [Fact]
    public async Task Update_of_a_missing_product_answers_404_problem()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PutAsync("/api/products/999999", ProductBody.OnSale("Nobody"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_refuses_an_empty_title_with_400_naming_it()
    {
        using var admin = await app.AdminAsync();
        var id = (await new AdminSetup(admin).CreateProductAsync(ProductBody.OnSale("Keeps its title"))).GetProperty("id").GetInt32();

        using var response = await admin.PutAsync($"/api/products/{id}", ProductBody.OnSale("x") with { Title = " " });

        await ApiAssert.ValidationProblemAsync(response, "title");
    }

    [Fact]
    public async Task Update_refuses_to_put_a_product_on_sale_back_to_draft_with_400_problem()
    {
        using var admin = await app.AdminAsync();
        var body = ProductBody.OnSale("Stays on sale");
        var id = (await new AdminSetup(admin).CreateProductAsync(body)).GetProperty("id").GetInt32();

        using var response = await admin.PutAsync($"/api/products/{id}", body with { Status = "draft" });

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("onSale", (await admin.GetJsonAsync($"/api/products/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Admin_deletes_a_product_nobody_booked()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Deleted");

        using var response = await admin.DeleteAsync($"/api/products/{show.ProductId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var product = await admin.GetAsync($"/api/products/{show.ProductId}");
        await ApiAssert.ProblemAsync(product, HttpStatusCode.NotFound);
        using var performance = await admin.GetAsync($"/api/performances/{show.PerformanceId}");
        await ApiAssert.ProblemAsync(performance, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_of_a_missing_product_answers_404_problem()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.DeleteAsync("/api/products/999999");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_of_a_product_with_a_booking_answers_409_problem_and_keeps_it()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Booked");
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowA[0]);

        using var response = await admin.DeleteAsync($"/api/products/{show.ProductId}");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("Close it instead", problem.GetProperty("detail").GetString());
        var product = await admin.GetJsonAsync($"/api/products/{show.ProductId}");
        Assert.Single(product.GetProperty("performances").EnumerateArray());
    }

    [Fact]
    public async Task Delete_of_a_product_with_a_held_seat_answers_409_problem_and_keeps_the_hold()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Held");
        await SeatSales.HoldAsync(app.Services, show.PerformanceId, show.RowA[0]);

        using var response = await admin.DeleteAsync($"/api/products/{show.ProductId}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        var seats = await admin.GetJsonAsync($"/api/performances/{show.PerformanceId}/seats");
        Assert.Equal("held", seats.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == show.RowA[0]).GetProperty("status").GetString());
    }

    private static JsonElement Single(JsonElement page) => Assert.Single(page.GetProperty("items").EnumerateArray());

    private static async Task<int> DemoProductIdAsync(ApiClient client, string search) =>
        Single(await client.GetJsonAsync($"/api/products?q={search}")).GetProperty("id").GetInt32();
}
