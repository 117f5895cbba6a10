using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Live;
using AtTicket.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Live;

/// <summary>
/// The node's live feed in numbers, for admins (and the benchmarks): listeners and publish-to-deliver
/// latency. Who may not read it: the admin matrix in <c>AdminAccessApiTests</c>.
/// </summary>
public sealed class LiveMetricsApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task An_admin_reads_the_listeners_and_the_latency_of_the_deliveries_so_far()
    {
        var feed = app.Services.GetRequiredService<SeatFeed>();
        // More than half of all deliveries so far were published a minute ago: the median latency is at least that minute.
        var ours = (int)app.Services.GetRequiredService<LiveMetrics>().Delivered + 1;
        var publishedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var sequence = 1; sequence <= ours; sequence++)
        {
            await feed.DeliverAsync(new SeatsChanged(987_654, sequence, [new SeatStatusChange(1, SeatStatus.Held)], [], publishedAt));
        }

        using var admin = await app.AdminAsync();

        var metrics = await admin.GetJsonAsync("/api/live/metrics");

        Assert.Equal(feed.ListenerCount, metrics.GetProperty("listeners").GetInt32());
        Assert.True(metrics.GetProperty("delivered").GetInt64() >= ours);
        Assert.InRange(metrics.GetProperty("deliverLatencyP50Ms").GetDouble(), TimeSpan.FromMinutes(1).TotalMilliseconds, TimeSpan.FromHours(1).TotalMilliseconds);
        Assert.True(metrics.GetProperty("deliverLatencyP99Ms").GetDouble() >= metrics.GetProperty("deliverLatencyP50Ms").GetDouble());
    }
}
