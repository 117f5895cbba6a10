using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;

namespace AtTicket.Web.Api;

/// <summary>
/// Turns a broken business rule or an unreadable request into a 400 problem, never a 500; a database or Redis
/// that is away into a 503 with Retry-After, so a client knows to come back. A left-out required
/// property never gets here: <see cref="RequiredMembersFilter"/> and the contracts' attributes name it.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request may already be re-pointed at /error; the feature keeps the original path.
        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path;
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var (status, title) = exception switch
        {
            DomainException => (StatusCodes.Status400BadRequest, "The request breaks a rule."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            _ when DependencyOutage.Caused(exception) => (StatusCodes.Status503ServiceUnavailable, "The service is unavailable for a moment."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side."),
        };

        // Rule and parsing messages help the caller; anything else stays in the server log.
        var detail = exception switch
        {
            { InnerException: System.Text.Json.JsonException { Path: { } jsonPath } } => $"The JSON value at '{jsonPath}' is missing or has the wrong type or value.",
            DomainException or BadHttpRequestException => exception.Message,
            _ when status == StatusCodes.Status503ServiceUnavailable => $"Part of the service is away for a moment. Try again in {DependencyOutage.RetryAfterSeconds} seconds.",
            _ => "Nothing was changed. Try again; if it keeps failing, tell us the traceId.",
        };
        if (status >= StatusCodes.Status500InternalServerError)
        {
            // The caller is told to quote the traceId; this is where it leads.
            logger.LogError(exception, "{Method} {Path} answered {Status}", httpContext.Request.Method, path, status);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = DependencyOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = Fields(exception) is { Count: > 0 } fields
                ? new HttpValidationProblemDetails(fields.ToDictionary(f => f, _ => new[] { detail })) { Status = status, Title = title, Detail = detail }
                : new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// The fields at fault: the JSON field a value could not be read for ("grades[0].price" from "$.grades[0].price"),
    /// or the inputs a broken rule names; none for the whole body.
    /// </summary>
    private static IReadOnlyList<string> Fields(Exception exception) => exception switch
    {
        { InnerException: System.Text.Json.JsonException { Path: ['$', '.', .. var field] } } => [field],
        DomainException rule => rule.Fields,
        _ => [],
    };
}
