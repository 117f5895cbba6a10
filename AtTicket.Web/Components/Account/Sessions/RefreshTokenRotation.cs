using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// /api/auth/refresh hands out a new refresh token each time; this makes the old one stop working. A refresh
/// token presented a second time means someone else holds a copy, so every session of the member ends, the
/// copy's fresh tokens included, and the caller is told to log in again.
/// </summary>
internal sealed class RefreshTokenRotation(IOptionsMonitor<BearerTokenOptions> bearer, RefreshTokenLedger ledger, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is not { RefreshToken: { } token })
        {
            return await next(context);
        }

        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= time.GetUtcNow())
        {
            return await next(context); // Identity refuses it; nothing worth recording
        }

        if (await ledger.SpendAsync(token, expires, context.HttpContext.RequestAborted))
        {
            return await next(context);
        }

        var services = context.HttpContext.RequestServices;
        if (await services.GetRequiredService<UserManager<Member>>().GetUserAsync(ticket.Principal) is { } member)
        {
            await services.GetRequiredService<MemberSessions>().EndAllAsync(member, "a refresh token was used twice");
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "This refresh token was already used.",
            detail: "Each refresh token works once. It was presented again, so every session of this account has ended: log in again.");
    }
}
