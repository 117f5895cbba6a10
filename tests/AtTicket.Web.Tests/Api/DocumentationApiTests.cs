using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api;

/// <summary>The OpenAPI document at /openapi/v1.json and the reference UI at /api/docs.</summary>
public sealed class DocumentationApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    public static readonly TheoryData<string, string> CatalogOperations = new()
    {
        { "/api/products", "get" },
        { "/api/products", "post" },
        { "/api/products/{id}", "get" },
        { "/api/products/{id}", "put" },
        { "/api/products/{id}", "delete" },
        { "/api/products/{productId}/performances", "post" },
        { "/api/performances/{id}", "get" },
        { "/api/performances/{id}", "put" },
        { "/api/performances/{id}", "delete" },
        { "/api/performances/{id}/seats", "get" },
        { "/api/performances/{id}/availability", "get" },
        { "/api/venues", "get" },
        { "/api/venues", "post" },
        { "/api/venues/{id}", "put" },
        { "/api/venues/{id}/halls", "post" },
        { "/api/halls/{id}", "get" },
        { "/api/halls/{id}", "put" },
        { "/api/auth/register", "post" },
        { "/api/auth/login", "post" },
        { "/api/auth/refresh", "post" },
    };

    [Fact]
    public async Task OpenApi_document_names_the_API()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("AtTicket API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(CatalogOperations))]
    public async Task OpenApi_document_describes_the_operation(string path, string method)
    {
        var document = await DocumentAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"The document has no path {path}.");
        Assert.True(item.TryGetProperty(method, out _), $"The document has no {method.ToUpperInvariant()} {path}.");
    }

    [Fact]
    public async Task OpenApi_document_lists_the_product_query_parameters()
    {
        var document = await DocumentAsync();

        var parameters = document.GetProperty("paths").GetProperty("/api/products").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order();
        Assert.Equal(["category", "from", "page", "pageSize", "q", "sort", "status", "to", "venueId"], parameters);
    }

    [Fact]
    public async Task OpenApi_document_shows_the_privacy_consent_in_the_registration_request()
    {
        var document = await DocumentAsync();

        var register = document.GetProperty("components").GetProperty("schemas").GetProperty("RegisterRequest");
        Assert.Equal("boolean", register.GetProperty("properties").GetProperty("acceptPrivacyTerms").GetProperty("type").GetString());
    }

    [Fact]
    public async Task OpenApi_document_gives_enum_values_as_the_API_writes_them()
    {
        var document = await DocumentAsync();

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["concert", "musical", "movie"], EnumValues(schemas, "ProductCategory"));
        Assert.Equal(["draft", "onSale", "closed"], EnumValues(schemas, "ProductStatus"));
        Assert.Equal(["normal", "wheelchair", "companion"], EnumValues(schemas, "SeatKind"));
    }

    [Fact]
    public async Task Reference_UI_is_served_at_api_docs_and_reads_the_document()
    {
        using var client = app.Anonymous();

        using var response = await GetFollowingLocalRedirectAsync(client, "/api/docs");

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("AtTicket API", html);
        // Scalar resolves a relative source against the app's base path: here /openapi/v1.json.
        Assert.True(html.Contains("\"url\":\"openapi/v1.json\""), html);
    }

    /// <summary>The reference UI may add a trailing slash first; that redirect must stay under /api/docs.</summary>
    private static async Task<HttpResponseMessage> GetFollowingLocalRedirectAsync(ApiClient client, string path)
    {
        var response = await client.GetAsync(path);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently))
        {
            return response;
        }

        var target = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!).PathAndQuery;
        response.Dispose();
        Assert.StartsWith(path, target);
        return await client.GetAsync(target);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.Anonymous();
        return await client.GetJsonAsync("/openapi/v1.json");
    }

    private static IEnumerable<string?> EnumValues(JsonElement schemas, string name)
    {
        Assert.True(schemas.TryGetProperty(name, out var schema), $"The document has no schema {name}.");
        return schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString());
    }
}
