using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
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
    private readonly Lazy<byte[]> _key = new(() => KeyOf(options.Value, redis, logger));

    /// <summary>The hashed key of the request's client.</summary>
    public string KeyOf(HttpContext http) => KeyOf(http.Connection.RemoteIpAddress);

    public string KeyOf(IPAddress? address)
    {
        var hash = HMACSHA256.HashData(_key.Value, Encoding.ASCII.GetBytes(Network(address)));
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

    private static byte[] KeyOf(ClientAddressOptions options, IConnectionMultiplexer? redis, ILogger logger)
    {
        if (options.HashKey.Length > 0)
        {
            return Encoding.UTF8.GetBytes(options.HashKey);
        }

        var generated = RandomNumberGenerator.GetBytes(32);
        if (redis is null)
        {
            return generated;
        }

        // Every node must hash alike, or each would keep its own counts: the first node to ask stores its key.
        try
        {
            var database = redis.GetDatabase();
            database.StringSet(SharedKeyName, generated, when: When.NotExists);
            return (byte[]?)database.StringGet(SharedKeyName) ?? generated;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis does not answer: client addresses are hashed with a key of this node's own, so its limits count apart from the other nodes'");
            return generated;
        }
    }
}
