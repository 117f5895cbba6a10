using System.Net;
using System.Text;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// The answers the framework gives on its own (no route, wrong method, wrong content type, an unbound query
/// value, a left-out required property) are problem documents that say what to change, like every other error.
/// </summary>
public sealed class ProblemDetailApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task An_unknown_address_answers_404_with_a_detail()
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync("/api/nothing-here");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("nothing at this address", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_method_the_address_does_not_take_answers_405_naming_the_ones_it_does()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.Http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/venues"), TestContext.Current.CancellationToken);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("PATCH", detail);
        Assert.Contains("POST", detail);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_with_a_detail()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.Http.PostAsync(
            "/api/venues", new StringContent("""{"name":"Plain","address":"Seoul"}""", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"email":"minji@atticket.local"}""", "password")]
    [InlineData("""{"password":"x"}""", "email")]
    public async Task A_left_out_required_property_answers_400_naming_it(string json, string field)
    {
        using var client = app.Anonymous();

        using var response = await client.SendRawAsync(HttpMethod.Post, "/api/auth/login", json);

        var problem = await ApiAssert.ValidationProblemAsync(response, field);
        Assert.DoesNotContain("LoginRequest", problem.ToString());
    }

    [Theory]
    [InlineData("useCookies=abc", "useCookies")]
    [InlineData("useSessionCookies=1&useSessionCookies=2", "useSessionCookies")]
    public async Task A_query_value_that_does_not_bind_answers_400_naming_the_parameter(string query, string parameter)
    {
        using var client = app.Anonymous();

        using var response = await client.SendRawAsync(HttpMethod.Post, "/api/auth/login?" + query, """{"email":"nobody@atticket.local","password":"x"}""");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200D ")]
    public async Task A_title_of_invisible_characters_only_answers_400(string title)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/products", ProductBody.Draft("x") with { Title = title });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("title is required", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_title_with_half_a_surrogate_pair_answers_400()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.SendRawAsync(
            HttpMethod.Post,
            "/api/products",
            """{"title":"Half \uD800 pair","category":"concert","runningMinutes":60,"ageRating":"All","salesStart":"2030-01-01T00:00:00Z","salesEnd":"2030-02-01T00:00:00Z","status":"draft"}""");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("title", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Seoul\u0000")]
    [InlineData("Seoul\u202E")]
    public async Task A_venue_address_with_control_or_direction_characters_answers_400(string address)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/venues", new VenueBody(ProductBody.Unique("Hall"), address));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("address", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_seat_placed_at_1e308_answers_400()
    {
        using var admin = await app.AdminAsync();
        var venueId = await new AdminSetup(admin).CreateVenueAsync("Far seats");
        var far = new HallBody("Far", [new SectionBody("Main", [new RowBody("A", [new SeatBody(null, 1, 1e308, 0, "normal")])])]);

        using var response = await admin.PostAsync($"/api/venues/{venueId}/halls", far);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("inside its hall", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_product_change_without_status_answers_400_naming_status()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("No status");

        using var response = await admin.PutAsync($"/api/products/{show.ProductId}", ProductBody.OnSale("No status") with { Status = null });

        await ApiAssert.ValidationProblemAsync(response, "status");
    }

    [Fact]
    public async Task A_performance_put_on_sale_under_a_closed_product_answers_400_naming_status()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Draft product");
        using var closed = await admin.PutAsync($"/api/products/{show.ProductId}", ProductBody.OnSale("Closed product") with { Status = "closed" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var grades = new[] { new GradeBody(null, "R", SmallShow.PriceR, "#c0392b", show.RowA), new GradeBody(null, "S", SmallShow.PriceS, "#2e86c1", show.RowB) };

        using var response = await admin.PostAsync(
            $"/api/products/{show.ProductId}/performances", NewPerformanceBody.OnSale(show.HallId, grades) with { StartsAt = NewPerformanceBody.NextWeek().AddHours(5) });

        var problem = await ApiAssert.ValidationProblemAsync(response, "status");
        Assert.Contains("put the product on sale", problem.ToString());
    }
}
