using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AtTicket.Web.Hosting;

/// <summary>
/// Behind nginx the connection comes from the proxy: X-Forwarded-For and X-Forwarded-Proto say who the client
/// is and whether it used HTTPS. They are believed only from the proxies named under "ForwardedHeaders" (and
/// loopback, where deploy/nginx.conf runs next to a node); from anyone else they are ignored, so a client cannot
/// pick the address its limits are counted under. Only the last hop is read: nginx appends the address it saw.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "172.16.0.0/12".</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class ProxyRegistration
{
    public static IServiceCollection AddProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var proxies = configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
            // The defaults already trust loopback (127.0.0.0/8 and ::1).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
            }
        });
        // Every cookie (sign-in, antiforgery, device, preferences) is Secure when the client came over HTTPS.
        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.SameAsRequest);
        return services;
    }
}
