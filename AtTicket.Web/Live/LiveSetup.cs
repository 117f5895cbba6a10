using System.Text.Json;
using System.Text.Json.Serialization;
using AtTicket.Web.Api;

namespace AtTicket.Web.Live;

/// <summary>This node's live feed in numbers: its listeners, and publish-to-deliver latency over the last deliveries.</summary>
public sealed record LiveMetricsResponse(int Listeners, long Delivered, double? DeliverLatencyP50Ms, double? DeliverLatencyP99Ms);

internal static class LiveSetup
{
    public static void AddLiveHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddHostedService<SeatsHubBridge>();
        services.AddSingleton<LineFollowers>();
        services.AddHostedService<LineWatcher>();
        services.AddOptions<SeatsHubOptions>().BindConfiguration(SeatsHubOptions.SectionName)
            .Validate(o => o.MaxSubscriptionsPerConnection > 0, "SeatsHub:MaxSubscriptionsPerConnection must be positive.")
            .ValidateOnStart();
    }

    public static void MapLiveHub(this WebApplication app)
    {
        app.MapHub<SeatsHub>(SeatsHub.Path);
        app.MapHub<WaitingLineHub>(WaitingLineHub.Path);
        app.MapGet("/api/live/metrics", (SeatFeed feed, LiveMetrics metrics) => TypedResults.Ok(new LiveMetricsResponse(
                feed.ListenerCount,
                metrics.Delivered,
                metrics.LatencyPercentile(50),
                metrics.LatencyPercentile(99))))
            .RequireAuthorization(ApiSetup.AdminPolicy)
            .WithTags("Live")
            .WithSummary("This node's live seat feed: listeners, and publish-to-deliver latency (ms) over its last 4,096 deliveries.");
    }
}
