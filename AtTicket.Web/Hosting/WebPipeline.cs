using AtTicket.Infrastructure.Seeding;
using AtTicket.Infrastructure.Startup;
using AtTicket.Web.Api;
using AtTicket.Web.Components;
using AtTicket.Web.Components.Account;
using AtTicket.Web.Components.Notifications;
using AtTicket.Web.Live;
using AtTicket.Web.Telemetry;

namespace AtTicket.Web.Hosting;

public static class WebPipeline
{
    /// <summary>Waits for the configured services, then migrates and seeds; false, with one log line saying why, when a service is missing.</summary>
    public static async Task<bool> PrepareServicesAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<StartupDependencies>().WaitAsync();
        }
        catch (StartupFailedException exception)
        {
            StartupLog.Failed(app.Logger, exception.Message);
            return false;
        }

        await app.Services.GetRequiredService<ClientAddresses>().LoadSharedKeyAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return true;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        // First, so everything after it sees the client's address and scheme, not nginx's.
        app.UseForwardedHeaders();
        app.UseShutdownGate();
        app.UseMetricsEndpoint();
        app.UseCookiePolicy();
        app.UseSecurityHeaders();
        app.UseRelativeRedirects();

        // API errors become problem details (ApiExceptionHandler); pages show /error.
        // Kestrel's own body errors (bad chunk, body too large, cut short) keep their 4xx status instead of 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Pages re-execute to the not-found page; API calls get a problem body first, which the
        // outer middleware then leaves alone (the re-execute must stay at the top level to re-route).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => ApiSetup.IsApiRequest(context.Request), api => api.UseStatusCodePages());
        app.UseRequestLocalization(Cultures.LocalizationOptions());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(context => ApiSetup.IsApiRequest(context.Request), api => api.UseCookieCsrfGuard());
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        // SecurityHeaders sends the whole policy (frame-ancestors 'none' included), so Blazor adds no second one.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.MapPreferenceEndpoints();
        app.MapUnsubscribeEndpoints();
        app.MapHealthEndpoints();
        app.MapMediaEndpoints();
        app.MapApi();
        app.MapLiveHub();
        return app;
    }
}
