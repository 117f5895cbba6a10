using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api;

/// <summary>Checks of what the API answers, in the terms of docs/api.md: status, media type, field names.</summary>
public static class ApiAssert
{
    /// <summary>The response must have <paramref name="expected"/> status and a JSON body, which is returned.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await StatusAsync(response, expected);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return Parse(body);
    }

    /// <summary>
    /// The response must be an RFC 9457 problem with <paramref name="expected"/> status: media type
    /// application/problem+json, and <c>type</c>, <c>title</c> and <c>status</c> in the body.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await StatusAsync(response, expected);
        Assert.True(
            response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected application/problem+json, got '{response.Content.Headers.ContentType}' with body: {body}");
        var problem = Parse(body);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
        return problem;
    }

    /// <summary>A 400 validation problem whose <c>errors</c> name <paramref name="field"/> with at least one message.</summary>
    public static async Task<JsonElement> ValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"The problem has no 'errors': {problem}");
        var fields = errors.EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(errors.TryGetProperty(field, out var messages), $"'errors' should name '{field}' but names: {string.Join(", ", fields)}");
        Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
        return problem;
    }

    /// <summary>The object has exactly these properties: what API.md names, nothing missing, nothing extra.</summary>
    public static void HasFields(JsonElement element, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    /// <summary>The Location header as a local path (the test server's origin removed).</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("The response has no Location header.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static IReadOnlyList<int> Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static async Task<string> StatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(
            response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}, expected {(int)expected}. Body: {body}");
        return body;
    }

    private static JsonElement Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
