namespace AtTicket.Web.Hosting.Limits;

/// <summary>Which count refused a request: the member's (or the account asked for) or the client address's.</summary>
public enum LimitScope
{
    Member,
    Address,
}

/// <summary>A request over a limit: whose count was full and how long until its window ends.</summary>
public sealed record LimitRefusal(LimitScope Scope, TimeSpan Wait);

/// <summary>
/// Fixed-window counts per action, per member and per client address (<see cref="LimitCounters"/>: shared by
/// the nodes through Redis when configured). A request must fit in both its address's and its member's
/// window: several fresh accounts from one address share the address's count, and a member who moves
/// between addresses still has one count. It caps how often anyone may ask, whatever the outcome.
/// </summary>
public sealed class ClientLimits(IOptions<RateLimitOptions> options, LimitCounters counters, ClientAddresses addresses, ILogger<ClientLimits> logger)
{
    /// <summary>
    /// Counts one <paramref name="action"/> for the client's address and <paramref name="member"/> (when known);
    /// null when it may go ahead. The address is counted first, so a refused address costs its member nothing; both
    /// counts go to the store in one call (one Redis round trip on the hold and booking path).
    /// </summary>
    public async ValueTask<LimitRefusal?> TryAcquireAsync(LimitedAction action, string? member, HttpContext http)
    {
        var limit = options.Value.Of(action);
        var client = addresses.KeyOf(http);
        var address = (LimitScope.Address, client, limit.PerAddress);
        (LimitScope Scope, string Who, int Permits)[] counts = member is null
            ? [address]
            : [address, (LimitScope.Member, MemberKey(action, member, client), limit.PerMember)];
        var over = await counters.IncrementUntilOverAsync([.. counts.Select(c => ($"{action}:{c.Scope}:{c.Who}", c.Permits))], limit.Window);
        if (over is not { } full)
        {
            return null;
        }

        var (scope, who, _) = counts[full.Index];
        logger.LogWarning("{Action} refused for {Key}: limit reached, {Seconds:N0} s to wait", action, $"{action}:{scope}:{who}", full.Count.ExpiresIn.TotalSeconds);
        return new LimitRefusal(scope, TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(full.Count.ExpiresIn.TotalSeconds))));
    }

    /// <summary>
    /// An account mail (a reset link, a confirm-address link) is counted per account and client address: a
    /// stranger who asks for the owner's reset mails until the limit fills only fills their own count, and the
    /// owner, locked out of logging in meanwhile, still gets a reset mail from where they are.
    /// </summary>
    private static string MemberKey(LimitedAction action, string member, string client) =>
        action == LimitedAction.AccountMail ? $"{Normalize(member)}|{client}" : Normalize(member);

    /// <summary>Case and spaces do not make another member; nor does a name longer than any e-mail address.</summary>
    private static string Normalize(string member)
    {
        var key = member.Trim().ToUpperInvariant();
        return key.Length > 320 ? key[..320] : key;
    }
}
