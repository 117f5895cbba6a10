namespace AtTicket.Web.Api;

/// <summary>
/// Another site's page can make a browser send a form (or a "simple" fetch) to the API, cookie included. So a
/// call that changes something and is signed in by the cookie must carry the X-Requested-With header: a
/// cross-site page cannot add a header without a CORS preflight, which this site never grants. Bearer
/// clients are not affected (a token is never sent by the browser on its own), and the app's pages do not
/// call the API with the cookie at all (they run on the server).
/// </summary>
public static class CookieCsrfGuard
{
    public const string HeaderName = "X-Requested-With";

    public static bool IsRefused(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method)
        && !HttpMethods.IsHead(context.Request.Method)
        && !HttpMethods.IsOptions(context.Request.Method)
        && context.User.Identity?.IsAuthenticated == true
        && !ApiSetup.IsBearer(context.Request)
        && string.IsNullOrWhiteSpace(context.Request.Headers[HeaderName]);

    public static IApplicationBuilder UseCookieCsrfGuard(this IApplicationBuilder api) =>
        api.Use((context, next) => IsRefused(context)
            ? TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Cross-site request refused.",
                    detail: $"A call signed in with the site's cookie that changes something must send the {HeaderName} header (any value); or sign in with a bearer token from /api/auth/login.")
                .ExecuteAsync(context)
            : next(context));
}
