using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Mail.Alerts;
using AtTicket.Infrastructure.Media;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Queues;
using AtTicket.Infrastructure.Redis;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Infrastructure.Startup;
using AtTicket.Infrastructure.Telemetry;
using AtTicket.Infrastructure.Venues;

namespace AtTicket.Infrastructure;

public static class InfrastructureRegistration
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics(); // the meter factory the live feed's and AtTicket's own meters are made by
        services.AddStartupChecks(configuration);
        services.AddPersistence(configuration);
        services.AddRedis(configuration);
        services.AddSeeding(configuration);
        services.AddCatalog(configuration);
        services.AddBookings(configuration);
        services.AddLive(configuration); // after the bookings: it wraps their stores to announce seat changes
        services.AddMail(configuration); // before the messaging: its worker subscribes before the dispatcher's first publish
        services.AddMessaging(configuration);
        services.AddSingleton<MemberPreferencesStore>();
        services.AddAlertMails(configuration);
        services.AddWaitingRoom(configuration);
        services.AddOutcomeCounting(); // last: it wraps the ports registered above
        return services;
    }

    /// <summary>Catalog reads (cached), live seat numbers, and the admin editing services.</summary>
    private static void AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHybridCache();
        services.AddSingleton<CatalogCacheInvalidator>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogCacheInvalidator>());
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<SeatAvailabilityReader>();
        services.AddSingleton<PosterStore>();
        services.AddOptions<PosterOptions>().Bind(configuration.GetSection(PosterOptions.SectionName))
            .Validate(o => o.OrphanMinutes > 0 && o.SweepMinutes > 0, "Posters:OrphanMinutes and Posters:SweepMinutes must be positive.")
            .ValidateOnStart();
        services.AddHostedService<PosterSweeper>();
        services.AddSingleton<ProductAdminService>();
        services.AddSingleton<PerformanceAdminService>();
        services.AddSingleton<VenueAdminService>();
        services.AddSingleton<SalesReader>();
        services.AddSingleton<AdminOverviewReader>();
    }
}
