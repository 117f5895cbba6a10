using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;

namespace AtTicket.Web.Api;

/// <summary>
/// A <c>detail</c> for the problems the framework answers on its own with a bare status (no route, wrong
/// method, wrong content type, a query value that does not bind, a rate limit), so every API error says what
/// to change.
/// </summary>
internal static class StatusDetails
{
    public static string? For(HttpContext http, int? status) => status switch
    {
        StatusCodes.Status400BadRequest => UnboundQueryValue(http) ?? "The request could not be read: a value has the wrong type or format.",
        StatusCodes.Status401Unauthorized => "Sign in first: send a bearer token from /api/auth/login, or the sign-in cookie.",
        StatusCodes.Status403Forbidden => "Your account may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address; check the path and the id in it.",
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(http),
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with the content type application/json.",
        StatusCodes.Status429TooManyRequests => http.Response.Headers.RetryAfter.ToString() is { Length: > 0 } seconds
            ? $"Too many requests from this client. Try again in {seconds} seconds."
            : "Too many requests from this client. Try again later.",
        _ => null,
    };

    private static string MethodNotAllowed(HttpContext http)
    {
        var allowed = http.Response.Headers.Allow.ToString();
        return allowed.Length > 0
            ? $"This address does not take {http.Request.Method} requests; it takes {allowed}."
            : $"This address does not take {http.Request.Method} requests.";
    }

    /// <summary>Names the first query parameter of the endpoint whose value does not parse as its type, or that is given twice.</summary>
    private static string? UnboundQueryValue(HttpContext http)
    {
        var parameters = http.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var parameter in parameters)
        {
            if (!http.Request.Query.TryGetValue(parameter.Name, out var values))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (type.IsArray)
            {
                continue;
            }

            if (values.Count > 1)
            {
                return $"The query parameter '{parameter.Name}' is given more than once.";
            }

            if (!Parses(type, values.ToString()))
            {
                return $"The query parameter '{parameter.Name}' must be {Describe(type)}.";
            }
        }

        return null;
    }

    private static bool Parses(Type type, string value) => type switch
    {
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(Guid) => Guid.TryParse(value, out _),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ when type.IsEnum => Enum.TryParse(type, value, ignoreCase: true, out _),
        _ => true,
    };

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(Guid) => "an id such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        _ when type == typeof(DateTimeOffset) => "a date and time such as 2030-01-31T19:00:00+09:00",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => "a valid value",
    };
}
