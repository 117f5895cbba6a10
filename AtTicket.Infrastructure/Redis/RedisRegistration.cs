using StackExchange.Redis;

namespace AtTicket.Infrastructure.Redis;

internal static class RedisRegistration
{
    public const string ConnectionStringName = "Redis";

    /// <summary>Only when ConnectionStrings:Redis is set; otherwise every Redis concern runs in process.</summary>
    public static void AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false; // start even while Redis is down; reconnect in the background
        var multiplexer = ConnectionMultiplexer.Connect(options);
        services.AddSingleton<IConnectionMultiplexer>(_ => multiplexer); // a factory, so the container disposes it
        // HybridCache uses this as its shared second level (L2).
        services.AddStackExchangeRedisCache(cache =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(multiplexer);
            cache.InstanceName = "atticket:cache:";
        });
    }
}
