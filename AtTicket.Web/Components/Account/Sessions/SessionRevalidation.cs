using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// A live page (a Blazor circuit) keeps the sign-in it connected with; this checks it again at the stamp-check
/// interval, so a page left open ends with the session instead of acting for a member who logged out.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggers, SessionStamps stamps, IOptions<SessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    // Each circuit runs its own check loop: an interval of 0 (tests) must not make it spin.
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(10);

    protected override TimeSpan RevalidationInterval => options.Value.StampCheck > Shortest ? options.Value.StampCheck : Shortest;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        stamps.IsCurrentAsync(authenticationState.User);
}
