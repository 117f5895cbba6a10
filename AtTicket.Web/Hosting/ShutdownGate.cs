namespace AtTicket.Web.Hosting;

/// <summary>
/// From the moment the node is told to stop (SIGTERM) until Kestrel stops listening, new requests get a quick 503
/// problem document with <c>Connection: close</c> instead of starting work the node may not finish: nginx passes
/// reads on to the other node (proxy_next_upstream http_503 in deploy/nginx.conf), and a page whose circuit was
/// closed retries its reconnect until it lands on the other node, rather than reconnecting to this one as it
/// goes. Requests already running finish, within HostOptions:ShutdownTimeout.
/// </summary>
public static class ShutdownGate
{
    public const string RetryAfterSeconds = "1";

    public static IApplicationBuilder UseShutdownGate(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (context, next) =>
        {
            if (!stopping.IsCancellationRequested)
            {
                await next(context);
                return;
            }

            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            context.Response.Headers.Connection = "close";
            await TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "This server is shutting down.",
                    detail: "Nothing was done. Try again: another server answers.")
                .ExecuteAsync(context);
        });
    }
}
