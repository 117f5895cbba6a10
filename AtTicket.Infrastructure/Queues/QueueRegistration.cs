using AtTicket.Domain.Queues;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Queues;

internal static class QueueRegistration
{
    /// <summary>The lines live in Redis when it is configured, so every node reads the same one; in this process otherwise.</summary>
    public static void AddWaitingRoom(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(Redis.RedisRegistration.ConnectionStringName)))
        {
            services.AddSingleton<IWaitingRoom, InProcessWaitingRoom>();
        }
        else
        {
            services.AddSingleton<IWaitingRoom>(sp => new RedisWaitingRoom(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<WaitingLines>();
        services.AddSingleton<IAdmissionGate>(sp => sp.GetRequiredService<WaitingLines>());
        services.AddHostedService<AdmissionTicker>();
    }
}
