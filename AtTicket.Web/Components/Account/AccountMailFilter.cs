using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Components.Account;

/// <summary>
/// POST /api/auth/forgotPassword and /api/auth/resendConfirmationEmail, counted against the account-mail limits
/// as the pages are: over the address's limit, 429; over the limit of the e-mail address asked for, the usual
/// 200 and no mail, so the limit tells nobody whether the address has an account. POST /api/auth/manage/info
/// with a <c>newEmail</c> mails a confirm link to that address and counts the same way, but answers 429 over
/// either limit: the member asked for the change, so saying so tells nobody anything new.
/// </summary>
internal sealed class AccountMailFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // The request is not always the first argument: /manage/info takes the signed-in member first.
        var (email, isChange) = context.Arguments.Select(argument => argument switch
        {
            ForgotPasswordRequest forgot => (forgot.Email, false),
            ResendConfirmationEmailRequest resend => (resend.Email, false),
            InfoRequest { NewEmail: { } newEmail } => (newEmail, true),
            _ => ((string?)null, false),
        }).FirstOrDefault(asked => asked.Item1 is not null);
        if (email is null)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var refused = await http.RequestServices.GetRequiredService<ClientLimits>().TryAcquireAsync(LimitedAction.AccountMail, email, http);
        return refused switch
        {
            null => await next(context),
            _ when refused.Scope == LimitScope.Address || isChange => ClientLimitFilter.TooMany(http, LimitedAction.AccountMail, refused),
            _ => TypedResults.Ok(), // over the limit of the address asked for: the usual answer, and no mail
        };
    }
}
