using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;

namespace AtTicket.Web.Components.Account.Throttling;

/// <summary>
/// Password sign-in for the login page and /api/auth/login alike, where the two login rules meet: the login
/// limit of <see cref="ClientLimits"/> (every attempt, in a short window) and the back-off of
/// <see cref="LoginThrottle"/> (failures, remembered for a day). A client still in its back-off is refused
/// without checking the password (LockedOut, with the wait in <see cref="WaitKey"/>), and Identity's own
/// lockout is never triggered, so wrong passwords from a stranger cannot lock the owner out. Every attempt
/// also counts against the login limits per account and per address (<see cref="ClientLimits"/>; the
/// wait in <see cref="LimitKey"/>). An unknown address costs the same password hashing as a known one, so
/// the answer's timing does not tell which addresses have an account.
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
    KnownDevices devices,
    ClientLimits limits)
    : SignInManager<Member>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string WaitKey = "atticket.login-wait";

    public const string LimitKey = "atticket.login-limit";

    /// <summary>A hash of a password nobody knows, made with the app's hasher and checked when the account does not exist.</summary>
    private static string? _unknownAccountHash;

    /// <summary>The back-off left after failed logins, when the attempt was refused for it.</summary>
    public static TimeSpan? WaitOf(HttpContext http) => http.Items[WaitKey] as TimeSpan?;

    /// <summary>The wait when the attempt was refused for the login limits (too many attempts, failed or not).</summary>
    public static LimitRefusal? LimitOf(HttpContext http) => http.Items[LimitKey] as LimitRefusal;

    private const string PrincipalKey = "atticket.signed-in";

    /// <summary>Who this request signed in, roles included, so the login page need not look the member up again.</summary>
    public static ClaimsPrincipal? SignedInAs(HttpContext http) => http.Items[PrincipalKey] as ClaimsPrincipal;

    public override async Task<ClaimsPrincipal> CreateUserPrincipalAsync(Member user)
    {
        var principal = await base.CreateUserPrincipalAsync(user);
        Context.Items[PrincipalKey] = principal;
        return principal;
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var client = devices.ClientOf(Context, userName);

        // A browser that signed in to the account before counts on its own, so a flood of attempts at the account keeps no owner out.
        if (await limits.TryAcquireAsync(LimitedAction.Login, client.Device is { } device ? $"device:{device}" : client.Account, Context) is { } limited)
        {
            Context.Items[LimitKey] = limited;
            return SignInResult.LockedOut;
        }

        var wait = await throttle.WaitForAsync(client);
        if (wait > TimeSpan.Zero)
        {
            Context.Items[WaitKey] = wait;
            return SignInResult.LockedOut;
        }

        var member = await UserManager.FindByNameAsync(userName);
        SignInResult result;
        if (member is null)
        {
            _unknownAccountHash ??= UserManager.PasswordHasher.HashPassword(new Member(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            UserManager.PasswordHasher.VerifyHashedPassword(new Member(), _unknownAccountHash, password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await base.PasswordSignInAsync(member, password, isPersistent, lockoutOnFailure: false);
        }

        if (result.Succeeded)
        {
            await throttle.SucceededAsync(client);
            devices.Remember(Context, client);
        }
        else if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            await throttle.FailedAsync(client);
        }

        return result;
    }
}
