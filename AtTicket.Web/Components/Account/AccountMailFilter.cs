using AtTicket.Web.Hosting.Limits;
using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Components.Account;

/// <summary>
/// POST /api/auth/forgotPassword and /api/auth/resendConfirmationEmail, counted against the account-mail limits
/// as the pages are: over the address's limit, 429; over the limit of the e-mail address asked for, the usual
/// 200 and no mail, so the limit tells nobody whether the address has an account.
/// </summary>
internal sealed class AccountMailFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var email = context.Arguments.FirstOrDefault() switch
        {
            ForgotPasswordRequest forgot => forgot.Email,
            ResendConfirmationEmailRequest resend => resend.Email,
            _ => null,
        };
        if (email is null)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        return await http.RequestServices.GetRequiredService<ClientLimits>().TryAcquireAsync(LimitedAction.AccountMail, email, http) switch
        {
            { Scope: LimitScope.Address } refused => ClientLimitFilter.TooMany(http, LimitedAction.AccountMail, refused),
            null => await next(context),
            _ => TypedResults.Ok(), // over the limit of the address asked for: the usual answer, and no mail
        };
    }
}
