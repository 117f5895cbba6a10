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
        await feed.DeliverAsync(new SeatsChanged(987_654, 1, [new SeatStatusChange(1, SeatStatus.Held)], [], DateTimeOffset.UtcNow.AddMilliseconds(-5)));
        using var admin = await app.AdminAsync();

        var metrics = await admin.GetJsonAsync("/api/live/metrics");

        Assert.Equal(feed.ListenerCount, metrics.GetProperty("listeners").GetInt32());
        Assert.True(metrics.GetProperty("delivered").GetInt64() >= 1);
        Assert.True(metrics.GetProperty("deliverLatencyP50Ms").GetDouble() >= 0);
        Assert.True(metrics.GetProperty("deliverLatencyP99Ms").GetDouble() >= metrics.GetProperty("deliverLatencyP50Ms").GetDouble());
    }
}
