namespace AtTicket.Web.Hosting;

/// <summary>
/// The framework writes some redirects (the login redirect, a page's NavigateTo) as absolute addresses built
/// from the request's Host header, which the client chooses. A Location on the request's own host is sent as
/// path and query only, so a forged Host never comes back as a place to go.
/// </summary>
public static class RelativeRedirects
{
    public static WebApplication UseRelativeRedirects(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var location = context.Response.Headers.Location.ToString();
                if (location.Length > 0
                    && Uri.TryCreate(location, UriKind.Absolute, out var target)
                    && target.Scheme is "http" or "https"
                    && string.Equals(target.Host, context.Request.Host.Host, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.Location = target.PathAndQuery + target.Fragment;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
