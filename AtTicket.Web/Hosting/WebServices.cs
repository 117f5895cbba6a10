using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Web.Components.Account;
using AtTicket.Web.Localization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace AtTicket.Web.Hosting;

public static class WebServices
{
    public static IServiceCollection AddWebServices(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddReadinessChecks();
        services.AddAccounts();
        return services;
    }

    private static void AddAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<MemberClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "atticket.auth";
            options.SlidingExpiration = true;
        });
    }
}
