using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>What the dispatcher last saw of the bus; /health/ready reports a bus that is down as degraded, not down.</summary>
public sealed class BusHealth : IHealthCheck
{
    private volatile string? _error;

    public bool IsDown => _error is not null;

    public void Down(string error) => _error = error;

    public void Up() => _error = null;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_error is { } error
            ? HealthCheckResult.Degraded($"The message bus is unreachable; mails wait in the outbox. Last error: {error}")
            : HealthCheckResult.Healthy("The outbox dispatcher reaches the message bus."));
}
