using System.Net;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// Only what is on sale reaches customers and anonymous visitors; admins see drafts and closed
/// products too. The demo's draft is "Winter Jazz Night".
/// </summary>
public sealed class ProductVisibilityApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string DemoDraft = "Winter Jazz Night";

    public static readonly TheoryData<string> Outsiders = ["anonymous", "customer"];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Draft_product_is_not_listed(string who)
    {
        using var client = await ClientAsync(who);

        var search = await client.GetJsonAsync("/api/products?q=Winter");
        var asked = await client.GetJsonAsync("/api/products?status=draft");
        var all = await client.GetJsonAsync("/api/products?pageSize=100");

        Assert.Equal(0, search.GetProperty("totalCount").GetInt32());
        Assert.All(asked.GetProperty("items").EnumerateArray(), p => Assert.Equal("onSale", p.GetProperty("status").GetString()));
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), p => p.GetProperty("title").GetString() == DemoDraft);
        Assert.All(all.GetProperty("items").EnumerateArray(), p => Assert.Equal("onSale", p.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Draft_product_detail_answers_404_as_if_it_did_not_exist(string who)
    {
        var id = await DemoDraftIdAsync();
        using var client = await ClientAsync(who);

        using var response = await client.GetAsync($"/api/products/{id}");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.DoesNotContain(DemoDraft, problem.ToString());
    }

    [Fact]
    public async Task Admin_sees_the_draft_product_in_the_list_and_in_detail()
    {
        using var admin = await app.AdminAsync();

        var drafts = await admin.GetJsonAsync("/api/products?status=draft");
        var id = await DemoDraftIdAsync();
        var detail = await admin.GetJsonAsync($"/api/products/{id}");

        var draft = Assert.Single(drafts.GetProperty("items").EnumerateArray(), p => p.GetProperty("title").GetString() == DemoDraft);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.All(drafts.GetProperty("items").EnumerateArray(), p => Assert.Equal("draft", p.GetProperty("status").GetString()));
        Assert.Equal(DemoDraft, detail.GetProperty("title").GetString());
        Assert.Equal("draft", detail.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Admin_list_without_a_status_includes_drafts()
    {
        using var admin = await app.AdminAsync();

        var all = await admin.GetJsonAsync("/api/products?q=Winter");

        Assert.Equal(DemoDraft, Assert.Single(all.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task New_draft_product_stays_hidden_from_customers_until_it_goes_on_sale()
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();
        var body = ProductBody.Draft("Soon");
        var id = (await new AdminSetup(admin).CreateProductAsync(body)).GetProperty("id").GetInt32();
        var query = $"/api/products?q={Uri.EscapeDataString(body.Title!)}";

        var hidden = await customer.GetJsonAsync(query);
        using var hiddenDetail = await customer.GetAsync($"/api/products/{id}");
        using var publish = await admin.PutAsync($"/api/products/{id}", body with { Status = "onSale" });
        var shown = await customer.GetJsonAsync(query);

        Assert.Equal(0, hidden.GetProperty("totalCount").GetInt32());
        await ApiAssert.ProblemAsync(hiddenDetail, HttpStatusCode.NotFound);
        await ApiAssert.JsonAsync(publish, HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(shown.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(body.Title, (await customer.GetJsonAsync($"/api/products/{id}")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Closed_product_disappears_for_customers_but_not_for_the_admin()
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();
        var body = ProductBody.OnSale("Closing");
        var id = (await new AdminSetup(admin).CreateProductAsync(body)).GetProperty("id").GetInt32();
        _ = await customer.GetJsonAsync($"/api/products/{id}");

        using var close = await admin.PutAsync($"/api/products/{id}", body with { Status = "closed" });

        await ApiAssert.JsonAsync(close, HttpStatusCode.OK);
        using var detail = await customer.GetAsync($"/api/products/{id}");
        await ApiAssert.ProblemAsync(detail, HttpStatusCode.NotFound);
        Assert.Equal(0, (await customer.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(body.Title!)}")).GetProperty("totalCount").GetInt32());
        Assert.Equal("closed", (await admin.GetJsonAsync($"/api/products/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/seats")]
    [InlineData("/availability")]
    public async Task Draft_performance_answers_404_to_customers_and_200_to_the_admin(string resource)
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Draft performance", performanceStatus: "draft");

        using var hidden = await customer.GetAsync($"/api/performances/{show.PerformanceId}{resource}");
        using var shown = await admin.GetAsync($"/api/performances/{show.PerformanceId}{resource}");

        await ApiAssert.ProblemAsync(hidden, HttpStatusCode.NotFound);
        await ApiAssert.JsonAsync(shown, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Draft_performance_is_left_out_of_the_product_for_customers()
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Draft performance", performanceStatus: "draft");

        var seenByCustomer = await customer.GetJsonAsync($"/api/products/{show.ProductId}");
        var seenByAdmin = await admin.GetJsonAsync($"/api/products/{show.ProductId}");

        Assert.Empty(seenByCustomer.GetProperty("performances").EnumerateArray());
        var performance = Assert.Single(seenByAdmin.GetProperty("performances").EnumerateArray());
        Assert.Equal("draft", performance.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Draft_performance_leaves_no_trace_in_the_summary_customers_see()
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Half announced");
        var laterDraft = NewPerformanceBody.NextWeek().AddDays(3);
        await new AdminSetup(admin).ScheduleAsync(
            show.ProductId,
            new NewPerformanceBody(show.HallId, laterDraft, null, [new(null, "Preview", 10_000, "#999999", [.. show.RowA, .. show.RowB])], "draft"));

        var listed = Assert.Single((await customer.GetJsonAsync($"/api/products?q={Uri.EscapeDataString(show.ProductTitle)}")).GetProperty("items").EnumerateArray());
        var detail = await customer.GetJsonAsync($"/api/products/{show.ProductId}");

        foreach (var summary in new[] { listed, detail })
        {
            Assert.Equal(NewPerformanceBody.NextWeek(), summary.GetProperty("lastPerformanceAt").GetDateTimeOffset());
            Assert.Equal(SmallShow.PriceS, summary.GetProperty("minPrice").GetInt64());
        }
    }

    [Fact]
    public async Task Date_and_venue_filters_ignore_draft_performances_for_customers()
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();
        var setup = new AdminSetup(admin);
        var show = await setup.SmallShowAsync("Touring");
        var otherVenue = await setup.CreateVenueAsync("Next stop");
        var otherHall = await setup.CreateHallAsync(otherVenue, HallBody.Grid("Tent", 1, 2));
        var draftAt = NewPerformanceBody.NextWeek().AddDays(3);
        await setup.ScheduleAsync(
            show.ProductId,
            new NewPerformanceBody(otherHall.GetProperty("id").GetInt32(), draftAt, null, [new(null, "All", 20_000, "#999999", AdminSetup.SeatIdsOfRow(otherHall, "A"))], "draft"));
        var title = Uri.EscapeDataString(show.ProductTitle);
        var window = $"from={Uri.EscapeDataString(draftAt.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(draftAt.AddHours(1).ToString("O"))}";

        var byVenue = await customer.GetJsonAsync($"/api/products?q={title}&venueId={otherVenue}");
        var byDate = await customer.GetJsonAsync($"/api/products?q={title}&{window}");
        var adminByVenue = await admin.GetJsonAsync($"/api/products?q={title}&venueId={otherVenue}");

        Assert.Equal(0, byVenue.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, byDate.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, adminByVenue.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/seats")]
    [InlineData("/availability")]
    public async Task Performance_of_a_closed_product_answers_404_to_customers(string resource)
    {
        using var admin = await app.AdminAsync();
        using var customer = await app.CustomerAsync();
        var show = await new AdminSetup(admin).SmallShowAsync();
        // A draft product's performances cannot go on sale any more; one closed after its sale began stays on sale.
        using (var closed = await admin.PutAsync($"/api/products/{show.ProductId}", ProductBody.OnSale("Withdrawn") with { Status = "closed" }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        using var response = await customer.GetAsync($"/api/performances/{show.PerformanceId}{resource}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<ApiClient> ClientAsync(string who) => who == "customer" ? await app.CustomerAsync() : app.Anonymous();

    private async Task<int> DemoDraftIdAsync()
    {
        using var admin = await app.AdminAsync();
        var drafts = await admin.GetJsonAsync("/api/products?status=draft&q=Winter");
        return Assert.Single(drafts.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32();
    }
}
