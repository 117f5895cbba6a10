using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// The Korean text beside the default one: products (titleKo, descriptionKo), venues (nameKo, addressKo) and
/// halls (nameKo) round-trip through the API, are checked like the default text, and search finds them.
/// </summary>
public sealed class KoreanShowDataApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_product_keeps_its_Korean_title_and_description_through_create_read_and_update()
    {
        using var admin = await app.AdminAsync();
        var body = ProductBody.OnSale("Hamlet") with { TitleKo = "  햄릿  ", DescriptionKo = "덴마크의 왕자.\n복수극." };

        var created = await new AdminSetup(admin).CreateProductAsync(body);

        Assert.Equal(("햄릿", "덴마크의 왕자.\n복수극."), KoreanText(created));
        var id = created.GetProperty("id").GetInt32();
        using var client = app.Anonymous();
        Assert.Equal(("햄릿", "덴마크의 왕자.\n복수극."), KoreanText(await client.GetJsonAsync($"/api/products/{id}")));

        using var response = await admin.PutAsync($"/api/products/{id}", body with { TitleKo = "햄릿 2막", DescriptionKo = string.Empty });

        Assert.Equal(("햄릿 2막", string.Empty), KoreanText(await ApiAssert.JsonAsync(response, HttpStatusCode.OK)));
        Assert.Equal(("햄릿 2막", string.Empty), KoreanText(await client.GetJsonAsync($"/api/products/{id}")));
    }

    [Fact]
    public async Task A_product_update_that_leaves_out_the_Korean_text_keeps_it_and_an_empty_string_clears_it()
    {
        using var admin = await app.AdminAsync();
        var body = ProductBody.OnSale("Macbeth") with { TitleKo = "맥베스", DescriptionKo = "스코틀랜드의 왕." };
        var id = (await new AdminSetup(admin).CreateProductAsync(body)).GetProperty("id").GetInt32();

        // A client written before the Korean fields existed sends neither of them.
        using var withoutKorean = await admin.PutAsync($"/api/products/{id}", new
        {
            title = body.Title + " (revised)", category = body.Category, description = body.Description, runningMinutes = body.RunningMinutes,
            ageRating = body.AgeRating, salesStart = body.SalesStart, salesEnd = body.SalesEnd, status = body.Status,
        });

        Assert.Equal(("맥베스", "스코틀랜드의 왕."), KoreanText(await ApiAssert.JsonAsync(withoutKorean, HttpStatusCode.OK)));
        Assert.Equal(body.Title + " (revised)", (await admin.GetJsonAsync($"/api/products/{id}")).GetProperty("title").GetString());

        using var cleared = await admin.PutAsync($"/api/products/{id}", body with { TitleKo = string.Empty, DescriptionKo = string.Empty });

        Assert.Equal((string.Empty, string.Empty), KoreanText(await ApiAssert.JsonAsync(cleared, HttpStatusCode.OK)));
        Assert.Equal((string.Empty, string.Empty), KoreanText(await admin.GetJsonAsync($"/api/products/{id}")));
    }

    [Fact]
    public async Task A_venue_update_that_leaves_out_the_Korean_text_keeps_it_and_an_empty_string_clears_it()
    {
        using var admin = await app.AdminAsync();
        var name = ProductBody.Unique("Mapo Stage");
        using var created = await admin.PostAsync("/api/venues", new VenueBody(name, "Mapo-gu, Seoul", "마포 스테이지", "서울 마포구"));
        var id = (await ApiAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetInt32();

        using var renamed = await admin.PutAsync($"/api/venues/{id}", new { name = name + " 2", address = "Mapo-gu, Seoul" });

        Assert.Equal(("마포 스테이지", "서울 마포구"), VenueKoreanText(await ApiAssert.JsonAsync(renamed, HttpStatusCode.OK)));
        Assert.Equal(("마포 스테이지", "서울 마포구"), VenueKoreanText(await VenueAsync(admin, id)));

        using var cleared = await admin.PutAsync($"/api/venues/{id}", new VenueBody(name, "Mapo-gu, Seoul", string.Empty, string.Empty));

        Assert.Equal((string.Empty, string.Empty), VenueKoreanText(await ApiAssert.JsonAsync(cleared, HttpStatusCode.OK)));
        Assert.Equal((string.Empty, string.Empty), VenueKoreanText(await VenueAsync(admin, id)));
    }

    private static async Task<JsonElement> VenueAsync(ApiClient client, int id) => await client.GetJsonAsync($"/api/venues/{id}");

    private static (string?, string?) VenueKoreanText(JsonElement venue) =>
        (venue.GetProperty("nameKo").GetString(), venue.GetProperty("addressKo").GetString());

    public static TheoryData<string, ProductBody> BadKoreanProductText => new()
    {
        { "titleKo", ProductBody.OnSale("Bad Korean") with { TitleKo = "햄릿\u202E" } },
        { "titleKo", ProductBody.OnSale("Bad Korean") with { TitleKo = "햄릿\n2막" } },
        { "titleKo", ProductBody.OnSale("Bad Korean") with { TitleKo = new string('가', 201) } },
        { "descriptionKo", ProductBody.OnSale("Bad Korean") with { DescriptionKo = "왕자\u2066" } },
        { "descriptionKo", ProductBody.OnSale("Bad Korean") with { DescriptionKo = new string('가', 4001) } },
    };

    [Theory]
    [MemberData(nameof(BadKoreanProductText))]
    public async Task Bad_Korean_product_text_is_a_400_naming_the_field_and_creates_nothing(string field, ProductBody body)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/products", body);

        await ApiAssert.ValidationProblemAsync(response, field);
        var found = await admin.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(body.Title!)}");
        Assert.Equal(0, found.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Update_with_bad_Korean_text_is_a_400_naming_the_field_and_changes_nothing()
    {
        using var admin = await app.AdminAsync();
        var body = ProductBody.OnSale("Kept") with { TitleKo = "그대로" };
        var id = (await new AdminSetup(admin).CreateProductAsync(body)).GetProperty("id").GetInt32();

        using var response = await admin.PutAsync($"/api/products/{id}", body with { Title = "Changed", TitleKo = "바뀜\u0007" });

        await ApiAssert.ValidationProblemAsync(response, "titleKo");
        var read = await admin.GetJsonAsync($"/api/products/{id}");
        Assert.Equal((body.Title, "그대로"), (read.GetProperty("title").GetString(), read.GetProperty("titleKo").GetString()));
    }

    [Fact]
    public async Task A_venue_and_its_hall_keep_their_Korean_names_and_the_performance_carries_them()
    {
        using var admin = await app.AdminAsync();
        var setup = new AdminSetup(admin);
        using var created = await admin.PostAsync("/api/venues", new VenueBody(ProductBody.Unique("Seongsu Stage"), "Seongdong-gu, Seoul", " 성수 스테이지 ", "서울 성동구"));
        var venue = await ApiAssert.JsonAsync(created, HttpStatusCode.Created);
        var venueId = venue.GetProperty("id").GetInt32();
        Assert.Equal(("성수 스테이지", "서울 성동구"), (venue.GetProperty("nameKo").GetString(), venue.GetProperty("addressKo").GetString()));

        var hall = await setup.CreateHallAsync(venueId, HallBody.Grid("Studio", rows: 1, seatsPerRow: 2) with { NameKo = "스튜디오" });
        var product = await setup.CreateProductAsync(ProductBody.OnSale("Korean venue") with { TitleKo = "한국어 공연장" });
        var seats = hall.GetProperty("sections")[0].GetProperty("rows")[0].GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToList();
        await setup.ScheduleAsync(
            product.GetProperty("id").GetInt32(),
            NewPerformanceBody.OnSale(hall.GetProperty("id").GetInt32(), new GradeBody(null, "R", 50_000, "#c0392b", seats)));

        using var client = app.Anonymous();
        var listed = (await client.GetJsonAsync("/api/venues")).EnumerateArray().Single(v => v.GetProperty("id").GetInt32() == venueId);
        Assert.Equal(("성수 스테이지", "서울 성동구"), (listed.GetProperty("nameKo").GetString(), listed.GetProperty("addressKo").GetString()));
        Assert.Equal("스튜디오", (await client.GetJsonAsync($"/api/halls/{hall.GetProperty("id").GetInt32()}")).GetProperty("nameKo").GetString());
        var detail = await client.GetJsonAsync($"/api/products/{product.GetProperty("id").GetInt32()}");
        var performance = Assert.Single(detail.GetProperty("performances").EnumerateArray());
        Assert.Equal("한국어 공연장", performance.GetProperty("productTitleKo").GetString());
        Assert.Equal(("성수 스테이지", "서울 성동구"), (performance.GetProperty("venue").GetProperty("nameKo").GetString(), performance.GetProperty("venue").GetProperty("addressKo").GetString()));
        Assert.Equal("Seongdong-gu, Seoul", performance.GetProperty("venue").GetProperty("address").GetString());
        Assert.Equal("스튜디오", performance.GetProperty("hall").GetProperty("nameKo").GetString());
        Assert.Equal(["성수 스테이지"], detail.GetProperty("venueNamesKo").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("nameKo", "성수\u202E", null)]
    [InlineData("addressKo", null, "서울\u0000성동구")]
    public async Task Bad_Korean_venue_text_is_a_400_naming_the_field(string field, string? nameKo, string? addressKo)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/venues", new VenueBody(ProductBody.Unique("Bad venue"), "Seoul", nameKo, addressKo));

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Bad_Korean_hall_name_is_a_400_naming_the_field()
    {
        using var admin = await app.AdminAsync();
        var venueId = await new AdminSetup(admin).CreateVenueAsync("Hall venue");

        using var response = await admin.PostAsync($"/api/venues/{venueId}/halls", HallBody.Grid("Studio", rows: 1, seatsPerRow: 2) with { NameKo = "스튜디오\u2067" });

        await ApiAssert.ValidationProblemAsync(response, "nameKo");
    }

    [Theory]
    [InlineData("별이 지는")]
    [InlineData("막차")]
    public async Task Search_finds_a_product_by_its_Korean_title(string words)
    {
        using var client = app.Anonymous();

        var page = await client.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(words)}");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Contains(words, item.GetProperty("titleKo").GetString());
    }

    [Theory]
    [InlineData("시네 한강")]
    [InlineData("Cine Hangang")]
    public async Task Search_finds_the_products_playing_at_a_venue_named_in_either_language(string venue)
    {
        using var client = app.Anonymous();

        var page = await client.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(venue)}");

        var titles = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).Order().ToList();
        Assert.Equal(["Starfall Harbor", "The Last Tram Home"], titles);
    }

    private static (string?, string?) KoreanText(JsonElement product) =>
        (product.GetProperty("titleKo").GetString(), product.GetProperty("descriptionKo").GetString());
}
