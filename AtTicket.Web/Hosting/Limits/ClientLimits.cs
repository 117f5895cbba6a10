using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AtTicket.Web.Hosting.Limits;

/// <summary>
/// Fixed-window counts per action, per member and per client address, in this node's memory. A request must
/// fit in both its member's and its address's window: several fresh accounts from one address share the
/// address's count, and a member who moves between addresses still has one count.
/// </summary>
public sealed class ClientLimits(IOptions<RateLimitOptions> options, ILogger<ClientLimits> logger) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _windows = PartitionedRateLimiter.Create<string, string>(key =>
    {
        // The key starts with the action's name, which says which window it lives in.
        var limit = options.Value.Of(Enum.Parse<LimitedAction>(key[..key.IndexOf(':')]));
        var permits = key.Contains(":address:", StringComparison.Ordinal) ? limit.PerAddress : limit.PerMember;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = limit.Window,
            QueueLimit = 0,
        });
    });

    /// <summary>
    /// Counts one <paramref name="action"/> for <paramref name="member"/> (when known) and the client's address;
    /// null when it may go ahead, otherwise how long until the full window has a permit again.
    /// </summary>
    public TimeSpan? TryAcquire(LimitedAction action, string? member, HttpContext http)
    {
        var address = AddressKey(http.Connection.RemoteIpAddress);
        string[] keys = member is null
            ? [$"{action}:address:{address}"]
            : [$"{action}:member:{Normalize(member)}", $"{action}:address:{address}"];
        foreach (var key in keys)
        {
            using var lease = _windows.AttemptAcquire(key);
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Value.Of(action).Window;
                logger.LogWarning("{Action} refused for {Key}: limit reached, {Seconds:N0} s to wait", action, key, wait.TotalSeconds);
                return wait;
            }
        }

        return null;
    }

    /// <summary>Case and spaces do not make another member; nor does a name longer than any e-mail address.</summary>
    private static string Normalize(string member)
    {
        var key = member.Trim().ToUpperInvariant();
        return key.Length > 320 ? key[..320] : key;
    }

    /// <summary>An IPv6 client gets a whole /64 from its provider, so it counts as one address.</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    public void Dispose() => _windows.Dispose();
}
