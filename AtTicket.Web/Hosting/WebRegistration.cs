using AtTicket.Infrastructure.Persistence;
using AtTicket.Web.Api;
using AtTicket.Web.Components.Account;
using AtTicket.Web.Components.Notifications;
using AtTicket.Web.Components.Account.Registration;
using AtTicket.Web.Components.Account.Sessions;
using AtTicket.Web.Components.Account.Throttling;
using AtTicket.Web.Components.Holds;
using AtTicket.Web.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using MudBlazor.Services;

using AtTicket.Web.Telemetry;

namespace AtTicket.Web.Hosting;

public static class WebRegistration
{
    /// <summary>Bearer token when the request carries one, the sign-in cookie otherwise.</summary>
    private const string CookieOrBearer = "CookieOrBearer";

    public static IServiceCollection AddWebServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Bottom left: messages never cover the page's own buttons (top right).
        services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);
        services.AddLocalization();
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddReadinessChecks();
        services.AddAccounts();
        services.AddApi();
        services.AddProxies();
        services.AddLiveHub();
        services.AddTelemetry(configuration);
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // SIGTERM: Kestrel stops accepting at once (nginx sends new requests to the other node), circuits
        // are closed so their pages reconnect elsewhere, and requests in flight get this long to finish.
        services.AddOptions<HostOptions>().Bind(configuration.GetSection("HostOptions"));
        return services;
    }

    private static void AddAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearer;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, options => options.ForwardDefaultSelector = context =>
                ApiSetup.IsBearer(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddUserManager<MemberManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<MemberClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddApiEndpoints()
            .AddSignInManager<ThrottledSignInManager>(); // after AddApiEndpoints, which registers the plain one again
        services.AddMemoryCache();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<KnownDevices>();
        services.AddSessions();
        services.AddScoped<MemberRegistration>();
        services.AddSingleton<HeldShows>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "atticket.auth";
            options.SlidingExpiration = true;

            // The API answers 401/403; only pages redirect to the login and access-denied pages.
            options.Events.OnRedirectToLogin = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);

            // Registering and logging in both sign in here: the one place to learn the member's language.
            options.Events.OnSignedIn = context => MemberMailCulture.AdoptAtSignInAsync(context.HttpContext, context.Principal);
        });
    }

    private static Task StatusOrRedirect(HttpContext context, string redirectUri, int apiStatus)
    {
        if (ApiSetup.IsApiRequest(context.Request))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
