using StackExchange.Redis;

namespace AtTicket.Infrastructure.Startup;

/// <summary>Before the node migrates or serves: every configured service answers, or the node stops with one clear line.</summary>
public sealed class StartupDependencies(IServiceProvider services, StartupTargets targets, IOptions<StartupOptions> options, ILogger<StartupDependencies> logger)
{
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        if (targets.MySqlConnectionString is { } mySql)
        {
            await MySqlDatabaseReadiness.EnsureAsync(mySql, options.Value, logger, cancellationToken);
        }

        if (services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            await RedisReadiness.WaitAsync(redis, options.Value, logger, cancellationToken);
        }

        if (services.GetRequiredService<IOptions<KafkaOptions>>().Value is { IsConfigured: true } kafka)
        {
            await KafkaReadiness.WaitAsync(kafka.BootstrapServers!, options.Value, logger, cancellationToken);
        }
    }
}

/// <summary>What the configuration names beyond the registered clients: the MySQL server, when that is the database.</summary>
public sealed record StartupTargets(string? MySqlConnectionString);

internal static class StartupRegistration
{
    public static void AddStartupChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StartupOptions>().Bind(configuration.GetSection(StartupOptions.Section))
            .Validate(o => o.IsValid, "Startup:Attempts must be at least 1 and Startup:SecondsBetweenAttempts not negative.")
            .ValidateOnStart();
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(new StartupTargets(
            database.Provider == DatabaseProvider.MySql ? configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) : null));
        services.AddSingleton<StartupDependencies>();
    }
}
