using System.Net;
using AtTicket.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// Every admin endpoint answers 401 to an anonymous caller and 403 to a customer, with a problem body and
/// no redirect; the requests carry valid bodies for real demo data, so only the role stops them.
/// </summary>
public sealed class AdminAccessApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    /// <summary>Method, route as the app maps it, and a path with placeholders for demo ids.</summary>
    public static readonly TheoryData<string, string, string> AdminEndpoints = new()
    {
        { "POST", "/api/products/", "/api/products" },
        { "PUT", "/api/products/{id:int}", "/api/products/{product}" },
        { "DELETE", "/api/products/{id:int}", "/api/products/{product}" },
        { "POST", "/api/products/{productId:int}/performances", "/api/products/{product}/performances" },
        { "PUT", "/api/performances/{id:int}", "/api/performances/{performance}" },
        { "DELETE", "/api/performances/{id:int}", "/api/performances/{performance}" },
        { "GET", "/api/performances/{id:int}/queue/line", "/api/performances/{performance}/queue/line" },
        { "PUT", "/api/performances/{id:int}/queue/line", "/api/performances/{performance}/queue/line" },
        { "DELETE", "/api/performances/{id:int}/queue/line", "/api/performances/{performance}/queue/line" },
        { "POST", "/api/venues", "/api/venues" },
        { "PUT", "/api/venues/{id:int}", "/api/venues/{venue}" },
        { "POST", "/api/venues/{id:int}/halls", "/api/venues/{venue}/halls" },
        { "PUT", "/api/halls/{id:int}", "/api/halls/{hall}" },
        { "GET", "/api/live/metrics", "/api/live/metrics" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Anonymous_caller_gets_401_problem(string method, string route, string path)
    {
        _ = route; // shown in the test name; checked by The_matrix_lists_every_endpoint_that_requires_the_admin_role
        using var client = app.Anonymous();

        using var response = await SendAsync(client, method, path);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Customer_gets_403_problem(string method, string route, string path)
    {
        _ = route; // shown in the test name; checked by The_matrix_lists_every_endpoint_that_requires_the_admin_role
        using var client = await app.CustomerAsync();

        using var response = await SendAsync(client, method, path);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Customer_delete_leaves_the_product_in_place()
    {
        using var customer = await app.CustomerAsync();
        var ids = await DemoIdsAsync();

        using var response = await customer.DeleteAsync($"/api/products/{ids.Product}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var product = await customer.GetJsonAsync($"/api/products/{ids.Product}");
        Assert.Equal("Aurora Lights: Live in Seoul", product.GetProperty("title").GetString());
    }

    [Fact]
    public void The_matrix_lists_every_endpoint_that_requires_the_admin_role()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ApiSetup.AdminPolicy))
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order()
            .ToList();

        var tested = AdminEndpoints.Select(row => $"{row.Data.Item1} {row.Data.Item2}").Order().ToList();

        Assert.Equal(tested, mapped);
    }

    private async Task<HttpResponseMessage> SendAsync(ApiClient client, string method, string pathTemplate)
    {
        var ids = await DemoIdsAsync();
        var path = pathTemplate
            .Replace("{product}", ids.Product.ToString())
            .Replace("{performance}", ids.Performance.ToString())
            .Replace("{venue}", ids.Venue.ToString())
            .Replace("{hall}", ids.Hall.ToString());
        object body = (method, pathTemplate) switch
        {
            ("POST", "/api/products") or ("PUT", "/api/products/{product}") => ProductBody.OnSale("Intruder"),
            ("POST", "/api/products/{product}/performances") => NewPerformanceBody.OnSale(ids.Hall, new GradeBody(null, "All", 1_000, "#000000", [])),
            ("PUT", "/api/performances/{performance}") => new PerformanceChangeBody(NewPerformanceBody.NextWeek(), [], null),
            ("POST", "/api/venues") or ("PUT", "/api/venues/{venue}") => new VenueBody("Intruder venue", "Nowhere"),
            ("POST", "/api/venues/{venue}/halls") or ("PUT", "/api/halls/{hall}") => HallBody.Grid("Intruder hall", 1, 1),
            ("PUT", "/api/performances/{performance}/queue/line") => new { opensAt = DateTimeOffset.UtcNow, admitPerMinute = 60, paused = false },
            _ => new { },
        };

        return method == "DELETE"
            ? await client.DeleteAsync(path)
            : await client.Http.SendAsync(
                new HttpRequestMessage(new HttpMethod(method), path) { Content = System.Net.Http.Json.JsonContent.Create(body, body.GetType(), options: ApiClient.Json) },
                TestContext.Current.CancellationToken);
    }

    /// <summary>Aurora Lights, its first performance, and that performance's venue and hall.</summary>
    private async Task<(int Product, int Performance, int Venue, int Hall)> DemoIdsAsync()
    {
        using var client = app.Anonymous();
        var search = await client.GetJsonAsync("/api/products?q=Aurora");
        var productId = search.GetProperty("items")[0].GetProperty("id").GetInt32();
        var performance = (await client.GetJsonAsync($"/api/products/{productId}")).GetProperty("performances")[0];
        return (
            productId,
            performance.GetProperty("id").GetInt32(),
            performance.GetProperty("venue").GetProperty("id").GetInt32(),
            performance.GetProperty("hall").GetProperty("id").GetInt32());
    }
}
