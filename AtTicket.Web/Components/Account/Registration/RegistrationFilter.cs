using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Components.Account.Registration;

/// <summary>
/// POST /api/auth/register: refused without consent to the privacy terms, counted against the registration limits, and a taken address answers 200 like a
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

        if (!PrivacyConsent.IsGiven(request))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [PrivacyConsent.FieldName] = ["Agree to the privacy terms (/privacy) to register: send \"acceptPrivacyTerms\": true."] },
                title: "Consent to the privacy terms is required.");
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
