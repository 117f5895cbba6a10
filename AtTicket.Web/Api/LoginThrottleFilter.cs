using AtTicket.Web.Components.Account.Throttling;

namespace AtTicket.Web.Api;

/// <summary>A login refused for back-off answers 429 with Retry-After and a detail, instead of Identity's bare 401 "LockedOut".</summary>
internal sealed class LoginThrottleFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (ThrottledSignInManager.LimitOf(context.HttpContext) is { } limited)
        {
            return ClientLimitFilter.TooMany(context.HttpContext, LimitedAction.Login, limited);
        }

        if (ThrottledSignInManager.WaitOf(context.HttpContext) is not { } wait)
        {
            return result;
        }

        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed logins.",
            detail: $"Too many failed logins from this client or for this account. Try again in {seconds} seconds.");
    }
}
