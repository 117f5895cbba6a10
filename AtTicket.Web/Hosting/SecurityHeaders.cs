using System.Security.Cryptography;

namespace AtTicket.Web.Hosting;

/// <summary>
/// Headers on every answer: a Content-Security-Policy that runs only this site's script files (plus the one
/// inline import map, by a nonce fresh per request), so markup smuggled into data cannot run script;
/// no MIME sniffing; no full URLs in the Referer; no framing.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "atticket.csp-nonce";

    /// <summary>
    /// Styles may be inline (MudBlazor sets style attributes and a theme &lt;style&gt;); images may come from
    /// https (poster addresses); the circuit's WebSocket is same-origin, which 'self' covers.
    /// </summary>
    public static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The nonce of this request, for the few inline scripts the framework renders (the import map).</summary>
    public static string Nonce(HttpContext context) => context.Items[NonceKey] as string ?? string.Empty;

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";

            // The API reference (Scalar) brings its own inline scripts and styles; it shows no data of ours.
            if (!context.Request.Path.StartsWithSegments("/api/docs"))
            {
                headers.ContentSecurityPolicy = Policy(nonce);
            }

            return next(context);
        });
        return app;
    }
}
