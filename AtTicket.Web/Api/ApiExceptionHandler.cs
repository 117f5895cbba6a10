using AtTicket.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace AtTicket.Web.Api;

/// <summary>Turns a broken business rule or an unreadable request into a 400 problem, never a 500.</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the request may already be re-pointed at /error; the feature keeps the original path.
        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path;
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (MissingProperties(exception) is { Count: > 0 } missing)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(missing.ToDictionary(name => name, name => new[] { $"{name} is required." }))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request could not be read.",
                    Detail = $"Required properties are missing: {string.Join(", ", missing)}.",
                },
            });
        }

        var (status, title) = exception switch
        {
            DomainException => (StatusCodes.Status400BadRequest, "The request breaks a rule."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side."),
        };

        // Rule and parsing messages help the caller; anything else stays in the server log.
        var detail = exception switch
        {
            { InnerException: System.Text.Json.JsonException { Path: { } jsonPath } } => $"The JSON value at '{jsonPath}' is missing or has the wrong type or value.",
            DomainException or BadHttpRequestException => exception.Message,
            _ => "Nothing was changed. Try again; if it keeps failing, tell us the traceId.",
        };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// The JSON names System.Text.Json lists when a required property is left out. Its message is the only
    /// place they are given; the type name in it stays out of the answer.
    /// </summary>
    private static IReadOnlyList<string> MissingProperties(Exception exception)
    {
        var message = (exception.InnerException as System.Text.Json.JsonException)?.Message ?? string.Empty;
        var at = message.IndexOf("missing required properties", StringComparison.Ordinal);
        return at < 0 ? [] : [.. QuotedName().Matches(message[at..]).Select(m => m.Groups[1].Value)];
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex QuotedName();
}
