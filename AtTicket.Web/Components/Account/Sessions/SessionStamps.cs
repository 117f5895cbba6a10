using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// Tells whether a signed-in principal still belongs to a live session: its security stamp is the member's current
/// one, read at most once per check interval on this node. A singleton that reads the stamp itself, so that the
/// check, which runs on every bearer request, builds no <c>UserManager</c> and no database context while the stamp
/// is cached (issue 9's second profile found both on the hold path). A stamp changed anywhere is dropped at once
/// (<see cref="SessionEndBroadcast"/>); the interval, on <see cref="TimeProvider"/>'s clock, bounds how long a node
/// that missed that news keeps the old one.
/// </summary>
public sealed class SessionStamps(
    IDbContextFactory<AtTicketDbContext> contexts, IMemoryCache cache, IOptions<SessionOptions> options, IOptions<IdentityOptions> identity, TimeProvider time)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var claims = identity.Value.ClaimsIdentity;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        return id is not null && stamp is not null && stamp == await CurrentStampAsync(id);
    }

    /// <summary>The member's stamp changed: the next check on this node reads it again.</summary>
    public void Forget(string memberId) => cache.Remove(CacheKey(memberId));

    private async Task<string?> CurrentStampAsync(string memberId)
    {
        var interval = options.Value.StampCheck;
        if (interval > TimeSpan.Zero && cache.TryGetValue(CacheKey(memberId), out KnownStamp? known) && time.GetUtcNow() - known!.ReadAt < interval)
        {
            return known.Stamp;
        }

        var readAt = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync();
        var stamp = await db.Users.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.SecurityStamp).FirstOrDefaultAsync();
        if (interval > TimeSpan.Zero)
        {
            cache.Set(CacheKey(memberId), new KnownStamp(stamp, readAt), interval); // the cache's own expiry only frees the memory
        }

        return stamp;
    }

    private static string CacheKey(string memberId) => $"session-stamp:{memberId}";

    private sealed record KnownStamp(string? Stamp, DateTimeOffset ReadAt);
}
