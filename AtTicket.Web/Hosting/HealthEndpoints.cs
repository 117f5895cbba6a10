using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AtTicket.Web.Hosting;

/// <summary>/health/live answers while the process runs; /health/ready also needs the database (and Redis when configured).</summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder checks) =>
        checks
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<RedisHealthCheck>("redis", tags: [Ready])
            .AddCheck<BusHealth>("message-bus", tags: [Ready]);

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(Ready) });
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<AtTicketDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    private sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (services.GetService<IConnectionMultiplexer>() is not { } redis)
            {
                return HealthCheckResult.Healthy("Redis is not configured; pub/sub and cache run in process.");
            }

            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
            }
            catch (RedisException exception)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.", exception);
            }
        }
    }
}
