using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace AtTicket.Web.Api;

/// <summary>
/// A <c>detail</c> for the problems the framework answers on its own with a bare status (no route, wrong
/// method, wrong content type, a query value that does not bind, a rate limit), so every API error says what
/// to change.
/// </summary>
internal static class StatusDetails
{
    /// <summary>
    /// The status-code pages and Kestrel's body errors write a problem with a status alone; this fills
    /// its detail. Added after the other problem customizations, so a detail they set is kept.
    /// </summary>
    public static IServiceCollection AddStatusDetails(this IServiceCollection services) =>
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var before = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                before?.Invoke(context);
                if (string.IsNullOrEmpty(context.ProblemDetails.Detail) && context.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 })
                {
                    context.ProblemDetails.Detail = "Some values are not valid; errors names each field and what is wrong with it.";
                }
                else if (string.IsNullOrEmpty(context.ProblemDetails.Detail))
                {
                    context.ProblemDetails.Detail = For(context.HttpContext, context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
                }
            };
        });

    public static string? For(HttpContext http, int? status) => status switch
    {
        StatusCodes.Status400BadRequest => UnboundQueryValue(http) ?? "The request could not be read: a value has the wrong type or format.",
        StatusCodes.Status401Unauthorized => "Sign in first: send a bearer token from /api/auth/login, or the sign-in cookie.",
        StatusCodes.Status403Forbidden => "Your account may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address: no API operation or resource; check the path and the id in it (the operations are listed in /openapi/v1.json).",
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(http),
        StatusCodes.Status406NotAcceptable => "The API answers in JSON only (application/json, application/problem+json).",
        StatusCodes.Status411LengthRequired => "The request needs a Content-Length header or a chunked body.",
        StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the {MaxBodyText(http)} this server accepts.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON, sent with Content-Type: application/json.",
        StatusCodes.Status429TooManyRequests => http.Response.Headers.RetryAfter.ToString() is { Length: > 0 } seconds
            ? $"Too many requests from this client. Try again in {seconds} seconds."
            : "Too many requests from this client. Try again later.",
        _ => null,
    };

    private static string MaxBodyText(HttpContext http) =>
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } bytes ? bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "size";

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
