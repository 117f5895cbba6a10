namespace AtTicket.Web.Hosting.Limits;

/// <summary>Counts an API call against its member's and its address's window; over either, 429 with Retry-After and a detail.</summary>
internal sealed class ClientLimitFilter(LimitedAction action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var member = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var limits = http.RequestServices.GetRequiredService<ClientLimits>();
        return await limits.TryAcquireAsync(action, member, http) is { } refused ? TooMany(http, action, refused) : await next(context);
    }

    public static IResult TooMany(HttpContext http, LimitedAction action, LimitRefusal refused)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(refused.Wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var what = action switch
        {
            LimitedAction.Hold => "hold requests",
            LimitedAction.Booking => "booking requests",
            LimitedAction.Registration => "registrations",
            LimitedAction.AccountMail => "account mail requests",
            LimitedAction.QueueJoin => "requests to join a waiting line",
            _ => "login attempts",
        };
        var whose = action switch
        {
            LimitedAction.Hold or LimitedAction.Booking or LimitedAction.QueueJoin => "member",
            LimitedAction.AccountMail => "e-mail address",
            _ => "account",
        };
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.",
            detail: refused.Scope == LimitScope.Address
                ? $"Too many {what} from this address. Try again in {seconds} seconds."
                : $"Too many {what} for this {whose}. Try again in {seconds} seconds.");
    }
}

internal static class ClientLimitEndpoints
{
    public static TBuilder RequireClientLimit<TBuilder>(this TBuilder builder, LimitedAction action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ClientLimitFilter(action));
}
