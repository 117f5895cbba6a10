using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace AtTicket.Web.Hosting.Limits;

/// <summary>The key client addresses are hashed with, under "ClientAddresses".</summary>
public sealed class ClientAddressOptions
{
    public const string SectionName = "ClientAddresses";

    /// <summary>
    /// Any text of at least 32 characters, the same on every node. Empty: generated, once for all nodes in Redis
    /// when it is configured, else once per process (the embedded mode, where limits live in memory anyway).
    /// </summary>
    public string HashKey { get; set; } = string.Empty;

    public bool IsValid => HashKey.Length is 0 or >= 32;
}

/// <summary>
/// A client address as AtTicket keeps it: wherever an address is a key (limit and login-throttle counters in
/// Redis or memory) or is logged, it is an HMAC-SHA256 of the address under a secret key, never the address
/// itself, so a copy of Redis or of the logs does not say who the visitors were. The same address always gives
/// the same key (an IPv6 client: the same /64, which one client holds), so the limits still count per client.
/// </summary>
public sealed class ClientAddresses(IOptions<ClientAddressOptions> options, ILogger<ClientAddresses> logger, IConnectionMultiplexer? redis = null)
{
    private const string SharedKeyName = "atticket:secrets:client-address-key";
    private readonly byte[] _ownKey = RandomNumberGenerator.GetBytes(32);
    private byte[]? _key = options.Value.HashKey.Length > 0 ? Encoding.UTF8.GetBytes(options.Value.HashKey) : null;

    /// <summary>The hashed key of the request's client.</summary>
    public string KeyOf(HttpContext http) => KeyOf(http.Connection.RemoteIpAddress);

    public string KeyOf(IPAddress? address)
    {
        var hash = HMACSHA256.HashData(Key(), Encoding.ASCII.GetBytes(Network(address)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The address as one client holds it: IPv4 as is (also when mapped into IPv6), IPv6 as its /64.</summary>
    public static string Network(IPAddress? address)
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

    /// <summary>
    /// Fetches the one key all nodes share in Redis (the first node to ask stores its own), before the node
    /// serves: on the request path a Redis call would be synchronous, and a burst of first requests waiting
    /// on it starved the thread pool in the sell-out smoke test. Nothing to do with a configured key or
    /// without Redis.
    /// </summary>
    public async Task LoadSharedKeyAsync()
    {
        if (_key is not null || redis is null)
        {
            return;
        }

        try
        {
            var database = redis.GetDatabase();
            await database.StringSetAsync(SharedKeyName, _ownKey, when: When.NotExists);
            _key = (byte[]?)await database.StringGetAsync(SharedKeyName) ?? _ownKey;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis does not answer: client addresses are hashed with this node's own key, so its limits count apart from the other nodes'");
            _key = _ownKey;
        }
    }

    /// <summary>The configured key, the shared one loaded at start, else (nothing loaded: Redis-less, or a host that skipped the start) this process's own.</summary>
    private byte[] Key() => _key ?? _ownKey;
}
