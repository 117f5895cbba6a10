using Microsoft.AspNetCore.Authentication.BearerToken;

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// Identity's bearer tokens are self-contained: without this, one keeps working until it expires, whatever
/// happened to the account. Before the handler accepts a token, its security stamp is compared with the member's.
/// </summary>
internal static class BearerSessionCheck
{
    private const string Prefix = "Bearer "; // as the bearer handler reads the header

    public static async Task RefuseEndedSessionAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header[Prefix.Length..]);
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= time.GetUtcNow())
        {
            return; // unreadable or expired: the handler refuses it on its own
        }

        var stamps = context.HttpContext.RequestServices.GetRequiredService<SessionStamps>();
        if (!await stamps.IsCurrentAsync(ticket.Principal))
        {
            context.Fail("The session of this token has ended (logged out, password changed or refresh token replayed).");
            return;
        }

        // Accepted here, as the handler would have (readable, not expired): it need not unprotect the token again.
        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }
}
