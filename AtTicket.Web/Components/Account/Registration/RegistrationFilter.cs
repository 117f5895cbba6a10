using AtTicket.Web.Hosting.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Components.Account.Registration;

/// <summary>
/// POST /api/auth/register: counted against the registration limits, and a taken address answers 200 like a
/// new one (its owner gets a mail) instead of Identity's "DuplicateUserName", which told anyone who has an account.
/// </summary>
internal sealed class RegistrationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is not { } request)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<ClientLimits>().TryAcquireAsync(LimitedAction.Registration, request.Email, http) is { } limited)
        {
            return ClientLimitFilter.TooMany(http, LimitedAction.Registration, limited);
        }

        var result = await next(context);
        if (result is INestedHttpResult { Result: ValidationProblem refused } && MemberRegistration.OnlyTaken(refused.ProblemDetails.Errors.Keys))
        {
            await http.RequestServices.GetRequiredService<MemberRegistration>().TakenAsync(request.Email);
            return TypedResults.Ok();
        }

        return result;
    }
}
