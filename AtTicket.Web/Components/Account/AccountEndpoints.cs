using AtTicket.Web.Components.Account.Sessions;
using AtTicket.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace AtTicket.Web.Components.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async (SignInManager<Member> signIn, MemberSessions sessions, [FromForm] string? returnUrl) =>
        {
            // The member's other cookies and tokens end too: a copied cookie must not outlive the logout.
            if (await signIn.UserManager.GetUserAsync(signIn.Context.User) is { } member)
            {
                await sessions.EndAllAsync(member, "logout");
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect(PreferenceEndpoints.SafeLocal(returnUrl));
        }).ExcludeFromDescription();
    }
}
