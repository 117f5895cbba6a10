using System.Security.Claims;
using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// Ends a member's sessions everywhere, and tells whether a signed-in principal still belongs to a live session.
/// Ending means a new security stamp: every cookie, bearer token, refresh token and live page of the member
/// carries the old one and is refused at its next check, on whichever node it arrives.
/// </summary>
public sealed class MemberSessions(UserManager<Member> members, IMemoryCache cache, IOptions<SessionOptions> options, ILogger<MemberSessions> logger)
{
    public async Task EndAllAsync(Member member, string reason)
    {
        await members.UpdateSecurityStampAsync(member);
        cache.Remove(CacheKey(member.Id));
        logger.LogInformation("Every session of member {MemberId} ended: {Reason}", member.Id, reason);
    }

    /// <summary>True when the principal's security stamp is the member's current one (read at most once per check interval on this node).</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var id = members.GetUserId(principal);
        var stamp = principal.FindFirstValue(members.Options.ClaimsIdentity.SecurityStampClaimType);
        return id is not null && stamp is not null && stamp == await CurrentStampAsync(id);
    }

    private async Task<string?> CurrentStampAsync(string memberId)
    {
        var interval = options.Value.StampCheck;
        if (interval > TimeSpan.Zero && cache.TryGetValue(CacheKey(memberId), out string? known))
        {
            return known;
        }

        var member = await members.FindByIdAsync(memberId);
        var stamp = member is null ? null : await members.GetSecurityStampAsync(member);
        if (interval > TimeSpan.Zero)
        {
            cache.Set(CacheKey(memberId), stamp, interval);
        }

        return stamp;
    }

    private static string CacheKey(string memberId) => $"session-stamp:{memberId}";
}
