using System.Text.Json;

namespace AtTicket.Web.Tests.Api.Bookings;

/// <summary>The bookings part of the OpenAPI document at /openapi/v1.json.</summary>
public sealed class BookingDocumentationApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    public static readonly TheoryData<string, string> BookingOperations = new()
    {
        { "/api/bookings", "post" },
        { "/api/bookings", "get" },
        { "/api/bookings/{id}", "get" },
        { "/api/bookings/{id}/cancel", "post" },
        { "/api/bookings/{id}/tickets/{code}/qr", "get" },
    };

    [Theory]
    [MemberData(nameof(BookingOperations))]
    public async Task The_document_describes_the_operation_under_Bookings_with_a_summary(string path, string method)
    {
        var operation = Operation(await DocumentAsync(), path, method);

        Assert.Equal(["Bookings"], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task Booking_requires_the_Idempotency_Key_header_and_lists_its_answers()
    {
        var operation = Operation(await DocumentAsync(), "/api/bookings", "post");

        var header = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.True(header.GetProperty("required").GetBoolean());
        Assert.Equal(
            ["201", "400", "402", "404", "410", "422"],
            operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_ticket_QR_is_documented_as_a_PNG()
    {
        var operation = Operation(await DocumentAsync(), "/api/bookings/{id}/tickets/{code}/qr", "get");

        Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("image/png", out _));
    }

    [Fact]
    public async Task The_booking_schema_has_the_fields_and_statuses_the_API_writes()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        ApiAssert.HasFields(schemas.GetProperty("BookingResponse").GetProperty("properties"), BookingApi.BookingFields);
        var statuses = schemas.GetProperty("BookingStatus").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Contains("confirmed", statuses);
        Assert.Contains("cancelled", statuses);
        Assert.Contains("refunded", statuses);
    }

    private static JsonElement Operation(JsonElement document, string path, string method)
    {
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"The document has no path {path}.");
        Assert.True(item.TryGetProperty(method, out var operation), $"The document has no {method.ToUpperInvariant()} {path}.");
        return operation;
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.Anonymous();
        return await client.GetJsonAsync("/openapi/v1.json");
    }
}
