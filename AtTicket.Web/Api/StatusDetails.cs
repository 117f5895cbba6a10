using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace AtTicket.Web.Api;

/// <summary>
/// A <c>detail</c> for the problems the framework writes with a status alone (no route, wrong method,
/// not JSON, too large): the status-code pages and Kestrel's body errors. A problem that already has a
/// detail keeps it. Added after the other problem customizations, so those still run first.
/// </summary>
internal static class StatusDetails
{
    public static IServiceCollection AddStatusDetails(this IServiceCollection services) =>
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var before = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                before?.Invoke(context);
                if (string.IsNullOrEmpty(context.ProblemDetails.Detail))
                {
                    context.ProblemDetails.Detail = For(context.HttpContext);
                }
            };
        });

    private static string? For(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: its body is cut short, malformed, or not what the operation takes.",
        StatusCodes.Status404NotFound => "No API operation or resource is at this address; the operations are listed in /openapi/v1.json.",
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(context),
        StatusCodes.Status406NotAcceptable => "The API answers in JSON only (application/json, application/problem+json).",
        StatusCodes.Status411LengthRequired => "The request needs a Content-Length header or a chunked body.",
        StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the {MaxBodyText(context)} this server accepts.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON, sent with Content-Type: application/json.",
        _ => null,
    };

    private static string MethodNotAllowed(HttpContext context)
    {
        var allowed = context.Response.Headers.Allow.ToString();
        return string.IsNullOrEmpty(allowed)
            ? $"This address does not take {context.Request.Method} requests."
            : $"This address does not take {context.Request.Method} requests; it takes {allowed}.";
    }

    private static string MaxBodyText(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } bytes ? bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "size";
}
