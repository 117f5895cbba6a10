using AtTicket.Infrastructure.Identity;
using AtTicket.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AtTicket.Web.Components.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async (SignInManager<Member> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(PreferenceEndpoints.SafeLocal(returnUrl));
        }).ExcludeFromDescription();
    }
}
