namespace AtTicket.Web.Components.Account;

/// <summary>What an account-mail page does with the limits' answer.</summary>
public enum AccountMailVerdict
{
    Send,

    /// <summary>The address asked for has had its mails for now: the usual answer, so the limit tells nobody who is a member, and no mail.</summary>
    AnswerWithoutMail,

    /// <summary>The client's network has asked too often: say so.</summary>
    TooMany,
}

/// <summary>The account-mail limits as the forgot-password and resend-confirmation pages apply them.</summary>
public static class AccountMailLimit
{
    public static async Task<(AccountMailVerdict Verdict, string? Message)> CheckAsync(
        this ClientLimits limits, string email, HttpContext http, IStringLocalizer<SharedResource> L) =>
        await limits.TryAcquireAsync(LimitedAction.AccountMail, email, http) switch
        {
            null => (AccountMailVerdict.Send, null),
            { Scope: LimitScope.Address, Wait: var wait } => (AccountMailVerdict.TooMany, wait.TotalSeconds > 90
                ? L["Too many requests from this network. Try again in {0} minutes.", Math.Ceiling(wait.TotalMinutes)].Value
                : L["Too many requests from this network. Try again in {0} seconds.", wait.TotalSeconds].Value),
            _ => (AccountMailVerdict.AnswerWithoutMail, null),
        };
}
