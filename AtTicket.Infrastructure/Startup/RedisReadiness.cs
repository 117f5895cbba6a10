using System.Net;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Startup;

/// <summary>
/// The multiplexer reconnects by itself once running (pages keep working through a Redis outage), but a
/// node must not start without it: its data-protection keys and the shared limits live there.
/// </summary>
internal static class RedisReadiness
{
    public static Task WaitAsync(IConnectionMultiplexer redis, StartupOptions options, ILogger logger, CancellationToken cancellationToken) =>
        StartupRetry.WaitForAsync($"Redis at {string.Join(", ", redis.GetEndPoints().Select(Name))}", async _ => await redis.GetDatabase().PingAsync(), options, logger, cancellationToken);

    private static string Name(EndPoint endPoint) => endPoint is DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : endPoint.ToString() ?? "?";
}
