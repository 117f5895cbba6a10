using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AtTicket.Web.Api.Bookings;
using AtTicket.Web.Api.Catalog;
using AtTicket.Web.Api.Queues;
using AtTicket.Web.Api.Venues;
using AtTicket.Web.Components.Account;
using AtTicket.Web.Components.Account.Registration;
using AtTicket.Web.Components.Account.Sessions;
using Scalar.AspNetCore;

namespace AtTicket.Web.Api;

/// <summary>The REST API of docs/api.md: JSON, problem details, bearer or cookie authentication.</summary>
public static class ApiSetup
{
    public const string AdminPolicy = "admin";

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>The request authenticates with a bearer token; otherwise the sign-in cookie is used.</summary>
    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Validation keys name the JSON fields (title, grades[0].seatIds), not the C# properties.
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                var errors = validation.Errors.ToDictionary(e => CamelCasePath(e.Key), e => e.Value);
                validation.Errors.Clear();
                foreach (var (key, value) in errors)
                {
                    validation.Errors[key] = value;
                }
            }
        });
        services.AddStatusDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddValidation();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AtTicket API";
            document.Info.Description = "Catalog, venues, performances and seat availability. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // Enum values are names only: a number such as 99 would slip past as an undefined value.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        // After every setup (Identity adds its own resolver), so the modifier sees every request contract.
        services.PostConfigure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => options.SerializerOptions.TypeInfoResolver =
            (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequiredMembersFilter.BindMissingAsNull)
                .WithAddedModifier(PrivacyConsent.AddToRegisterRequest));
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(o => o.IsValid, "RateLimits values must be positive.")
            .ValidateOnStart();
        services.AddOptions<ClientAddressOptions>().BindConfiguration(ClientAddressOptions.SectionName)
            .Validate(o => o.IsValid, "ClientAddresses:HashKey must be empty (generated) or at least 32 characters.")
            .ValidateOnStart();
        services.AddSingleton<ClientAddresses>();
        services.AddSingleton<LimitCounters>();
        services.AddSingleton<ClientLimits>();
        return services;
    }

    private static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("AtTicket API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        // IdentityErrorFields first, so it renames Identity's codes after the filters that read them (registration) are done.
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").AddEndpointFilter<IdentityErrorFields>()
            .AddEndpointFilter<RequiredMembersFilter>().AddEndpointFilter<RegistrationFilter>().AddEndpointFilter<AccountMailFilter>().AddEndpointFilter<LoginThrottleFilter>().AddEndpointFilter<RefreshTokenRotation>();
        auth.MapIdentityApi<Member>();
        auth.MapLogout();

        var api = app.MapGroup("/api").AddEndpointFilter<RequiredMembersFilter>();
        api.MapProductEndpoints();
        api.MapPerformanceEndpoints();
        api.MapVenueEndpoints();
        api.MapHoldEndpoints();
        api.MapBookingEndpoints();
        api.MapQueueEndpoints();
        return app;
    }
}
