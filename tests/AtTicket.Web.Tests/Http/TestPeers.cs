using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// The in-memory server has no network connection, so each test client names the address it connects from
/// in a header only this test filter reads, ahead of the app's whole pipeline (forwarded headers included),
/// as Kestrel would set it from the socket. Each client gets its own address unless a test shares one.
/// </summary>
public static class TestPeers
{
    private const string HeaderName = "X-Test-Peer";
    private static int _next;

    /// <summary>A fresh address in 10.0.0.0/8, different for every call in this test run.</summary>
    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }

    public sealed class Handler(IPAddress peer) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove(HeaderName);
            request.Headers.Add(HeaderName, peer.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }

    public sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[HeaderName], out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                context.Request.Headers.Remove(HeaderName);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
