using AtTicket.Domain.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Live;

internal static class LiveRegistration
{
    /// <summary>Redis carries changes between nodes when it is configured; otherwise they stay in this process.</summary>
    public static void AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        var redisConfigured = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(Redis.RedisRegistration.ConnectionStringName));
        services.AddMetrics();
        services.AddSingleton<LiveMetrics>();
        services.AddSingleton(sp =>
        {
            var feed = ActivatorUtilities.CreateInstance<SeatFeed>(sp);
            sp.GetRequiredService<LiveMetrics>().ObserveListeners(() => feed.ListenerCount);
            return feed;
        });
        if (redisConfigured)
        {
            services.AddSingleton(sp => new RedisSeatChangeBus(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<SeatFeed>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RedisSeatChangeBus>>()));
            services.AddSingleton<ISeatChangeBus>(sp => sp.GetRequiredService<RedisSeatChangeBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisSeatChangeBus>());
        }
        else
        {
            services.AddSingleton<ISeatChangeBus, InProcessSeatChangeBus>();
        }

        services.AddSingleton<ISeatChangeNotifier, SeatChangePublisher>();
        services.AddSingleton<LiveSnapshotReader>();
    }
}
