using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AtTicket.Web.Components.Account.Throttling;

/// <summary>
/// Password sign-in for the login page and /api/auth/login alike: a client still in its back-off is refused
/// without checking the password (LockedOut, with the wait in <see cref="WaitKey"/>), and Identity's own
/// lockout is never triggered, so wrong passwords from a stranger cannot lock the owner out.
/// </summary>
public sealed class ThrottledSignInManager(
    UserManager<Member> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Member> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Member>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation,
    LoginThrottle throttle,
    KnownDevices devices)
    : SignInManager<Member>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string WaitKey = "atticket.login-wait";

    public static TimeSpan? WaitOf(HttpContext http) => http.Items[WaitKey] as TimeSpan?;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var client = devices.ClientOf(Context, userName);
        var wait = throttle.WaitFor(client);
        if (wait > TimeSpan.Zero)
        {
            Context.Items[WaitKey] = wait;
            return SignInResult.LockedOut;
        }

        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(client);
            devices.Remember(Context, client);
        }
        else if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            throttle.Failed(client);
        }

        return result;
    }
}
