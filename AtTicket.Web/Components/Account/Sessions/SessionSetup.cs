using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;

namespace AtTicket.Web.Components.Account.Sessions;

public static class SessionSetup
{
    /// <summary>Token lifetimes and the stamp checks of cookies, bearer tokens and live pages, from "Sessions".</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName)
            .Validate(o => o.StampCheckSeconds >= 0 && o.AccessTokenMinutes > 0 && o.RefreshTokenDays > 0, "Sessions: StampCheckSeconds must be 0 or more, the token lifetimes positive.")
            .ValidateOnStart();
        services.AddScoped<MemberSessions>();
        services.AddSingleton<SessionStamps>();
        services.AddSingleton<SessionEndBroadcast>();
        services.AddSingleton<ISessionStampListener>(sp => sp.GetRequiredService<SessionEndBroadcast>());
        services.AddHostedService(sp => sp.GetRequiredService<SessionEndBroadcast>());
        services.AddSingleton<RefreshTokenLedger>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();

        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SessionOptions>>((validator, sessions) => validator.ValidationInterval = sessions.Value.StampCheck);
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<IOptions<SessionOptions>>((bearer, sessions) =>
            {
                bearer.BearerTokenExpiration = sessions.Value.AccessTokenLifetime;
                bearer.RefreshTokenExpiration = sessions.Value.RefreshTokenLifetime;
                bearer.Events.OnMessageReceived = BearerSessionCheck.RefuseEndedSessionAsync;
            });
        return services;
    }

    /// <summary>POST /api/auth/logout: a bearer client's way out, ending the member's sessions as the page's logout does.</summary>
    public static void MapLogout(this IEndpointRouteBuilder auth) =>
        auth.MapPost("/logout", async (HttpContext http, UserManager<Member> members, MemberSessions sessions) =>
        {
            if (await members.GetUserAsync(http.User) is { } member)
            {
                await sessions.EndAllAsync(member, "logout");
            }

            return TypedResults.NoContent();
        })
        .RequireAuthorization()
        .WithSummary("Ends every session of the signed-in member (cookies, bearer and refresh tokens) on every node.");
}
