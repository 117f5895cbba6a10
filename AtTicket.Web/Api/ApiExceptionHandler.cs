using AtTicket.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace AtTicket.Web.Api;

/// <summary>Turns a broken business rule or an unreadable request into a 400 problem, never a 500.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
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
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        var detail = exception.InnerException is System.Text.Json.JsonException { Path: { } jsonPath }
            ? $"The JSON value at '{jsonPath}' is missing or has the wrong type or value."
            : exception.Message;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
