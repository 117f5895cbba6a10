using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Media;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Redis;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Infrastructure.Venues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPersistence(configuration);
        services.AddRedis(configuration);
        services.AddSeeding(configuration);
        services.AddSingleton<HomeCatalogReader>();
        services.AddSingleton<AdminOverviewReader>();
        services.AddHybridCache();
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<SeatAvailabilityReader>();
        services.AddSingleton<ProductAdminService>();
        services.AddSingleton<PerformanceAdminService>();
        services.AddSingleton<VenueAdminService>();
        services.AddSingleton<SalesReader>();
        services.AddSingleton<PosterStore>();
        return services;
    }
}
