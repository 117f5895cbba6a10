using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AtTicket.Web.Telemetry;

/// <summary>Who may read <c>/metrics</c>: the holder of the scrape token, or, when none is set, this machine.</summary>
internal static class ScrapeAccess
{
    public const string Path = "/metrics";

    public static bool Allows(HttpContext context, TelemetryOptions options)
    {
        if (!context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.IsNullOrEmpty(options.ScrapeToken))
        {
            return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(options.ScrapeToken));
    }
}
