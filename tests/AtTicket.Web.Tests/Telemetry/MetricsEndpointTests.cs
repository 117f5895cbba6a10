using System.Net;
using System.Net.Http.Headers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AtTicket.Web.Tests.Api;
using AtTicket.Web.Tests.Api.Holds;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Telemetry;

/// <summary>GET /metrics: Prometheus text with AtTicket's own meters, for this machine only when no scrape token is set.</summary>
public sealed class MetricsEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Holds_are_counted_by_outcome_on_the_apps_own_meter()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Metrics show");
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        using var holds = new HoldCounts(app.Services.GetRequiredService<IMeterFactory>());

        using (var held = await first.Client.HoldAsync(show.PerformanceId, show.RowA[0]))
        {
            Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        }

        using (var taken = await second.Client.HoldAsync(show.PerformanceId, show.RowA[0]))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        }

        Assert.Equal(new Dictionary<string, long> { ["held"] = 1, ["seats_taken"] = 1 }, holds.ByOutcome);
    }

    [Fact]
    public async Task This_machine_reads_prometheus_text_with_the_request_runtime_and_live_metrics()
    {
        using (var live = await app.App.NewClient().GetAsync("/health/live", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode); // a finished request for the duration histogram
        }

        var scrape = await ScrapeAsync();

        Assert.Contains("http_server_request_duration_seconds_bucket{", scrape);
        Assert.Contains("dotnet_gc_collections_total", scrape);
        Assert.Contains("# TYPE atticket_live_listeners gauge", scrape);
    }

    [Fact]
    public async Task Another_address_gets_the_not_found_of_any_unknown_path()
    {
        using var outsider = app.App.NewClient(IPAddress.Parse("203.0.113.9"));

        using var response = await outsider.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("atticket_", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<string> ScrapeAsync()
    {
        using var local = app.App.NewClient(IPAddress.Loopback);
        using var response = await local.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// "atticket.holds" of this app alone: the test process runs several apps, and a Prometheus scrape
    /// names meters, not the app that made them, so the count is read from this app's meter factory.
    /// </summary>
    private sealed class HoldCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new();

        public HoldCounts(IMeterFactory appMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == appMeters && instrument.Name == "atticket.holds")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome")
                    {
                        _counts.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyDictionary<string, long> ByOutcome => new SortedDictionary<string, long>(_counts);

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>With OpenTelemetry:ScrapeToken set, /metrics answers its bearer only, wherever it comes from.</summary>
public sealed class ScrapeTokenTests(ScrapeTokenTests.TokenApp app) : IClassFixture<ScrapeTokenTests.TokenApp>
{
    public const string Token = "scrape-token-for-tests-7d1f";

    public sealed class TokenApp() : ApiApp(new Dictionary<string, string> { ["OpenTelemetry:ScrapeToken"] = Token });

    [Theory]
    [InlineData("127.0.0.1", null, HttpStatusCode.NotFound)]
    [InlineData("127.0.0.1", "not-the-token", HttpStatusCode.NotFound)]
    [InlineData("203.0.113.9", Token, HttpStatusCode.OK)]
    public async Task Only_the_bearer_of_the_token_reads_the_metrics(string peer, string? token, HttpStatusCode expected)
    {
        using var client = app.App.NewClient(IPAddress.Parse(peer));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("# TYPE atticket_live_listeners gauge"));
    }
}
