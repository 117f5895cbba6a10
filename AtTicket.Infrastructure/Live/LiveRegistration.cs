using StackExchange.Redis;

namespace AtTicket.Infrastructure.Live;

internal static class LiveRegistration
{
    /// <summary>Redis carries changes between nodes when it is configured; otherwise they stay in this process.</summary>
    public static void AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        var redisConfigured = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(Redis.RedisRegistration.ConnectionStringName));
        services.AddSingleton<LiveMetrics>();
        services.AddSingleton(sp =>
        {
            var feed = ActivatorUtilities.CreateInstance<SeatFeed>(sp);
            sp.GetRequiredService<LiveMetrics>().ObserveListeners(() => feed.ListenerCount);
            return feed;
        });
        services.AddSingleton<ISeatFactSource, SeatFactReader>();
        services.AddSingleton(sp => new Lazy<ISeatChangeBus>(sp.GetRequiredService<ISeatChangeBus>));
        services.AddSingleton<LiveSeatStates>();
        if (redisConfigured)
        {
            services.AddSingleton(sp => new RedisSeatChangeBus(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<LiveSeatStates>(),
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
        services.Decorate<ISeatInventory>((inner, sp) => new AnnouncingSeatInventory(inner, sp.GetRequiredService<ISeatChangeNotifier>()));
        services.Decorate<IBookingStore>((inner, sp) => new AnnouncingBookingStore(inner, sp.GetRequiredService<ISeatChangeNotifier>()));
    }
}
