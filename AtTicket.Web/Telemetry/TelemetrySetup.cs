using AtTicket.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace AtTicket.Web.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>The ActivitySource MySqlConnector traces every command with, EF Core's or not.</summary>
    private const string MySqlConnectorSpans = "MySqlConnector";

    /// <summary>
    /// Metrics always (scraped at /metrics); traces and logs only towards a configured collector, so a
    /// node without one pays nothing for spans nobody reads.
    /// </summary>
    public static void AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "OpenTelemetry:Endpoint must be an absolute URL.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter>());

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("atticket-web"))
            .WithMetrics(metrics => metrics
                .AddMeter(AtTicketMetrics.MeterName, LiveMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0)); // a scrape sees what happened up to it
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return;
        }

        telemetry
            .WithTracing(tracing => tracing
                .AddSource(AtTicketMetrics.MeterName)
                .AddSource(MySqlConnectorSpans) // the seat transitions are stored procedures called without EF Core
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddRedisInstrumentation()
                .ConfigureRedisInstrumentation((sp, redis) =>
                {
                    if (sp.GetService<IConnectionMultiplexer>() is { } multiplexer)
                    {
                        redis.AddConnection(multiplexer);
                    }
                }))
            .WithLogging()
            .UseOtlpExporter(options.Protocol, new Uri(options.Endpoint));
    }

    /// <summary>Before everything but the forwarded headers, which give the scrape check the client's real address.</summary>
    public static void UseMetricsEndpoint(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => ScrapeAccess.Allows(context, options));
    }
}
