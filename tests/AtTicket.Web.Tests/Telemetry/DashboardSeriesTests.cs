using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtTicket.Web.Tests.Api;
using AtTicket.Web.Tests.Api.Bookings;
using AtTicket.Web.Tests.Api.Holds;
using AtTicket.Web.Tests.Api.Queues;

namespace AtTicket.Web.Tests.Telemetry;

/// <summary>
/// Every series the Grafana dashboard queries and the README names is in a real scrape once the app has held,
/// sold and refunded and a member waits in a line: a renamed instrument shows up here, not as an empty panel in production.
/// Runs alone: with other apps of the test process alive, this app's scrape was seen without its own meters.
/// </summary>
[Collection(Name)]
public sealed partial class DashboardSeriesTests(ApiApp app) : IClassFixture<ApiApp>
{
    /// <summary>The outbox and the live feed record in the background; their first figures take a moment.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public const string Name = "Scrape with no other app alive";

    private static readonly HashSet<string> PromQlWords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset"];

    [Fact]
    public void The_dashboard_and_the_README_name_the_series_they_are_checked_for()
    {
        Assert.Contains("atticket_holds_total", DashboardSeries());
        Assert.Contains("http_server_request_duration_seconds_bucket", DashboardSeries());
        Assert.Contains("atticket_refunds_owed", ReadmeSeries());
        Assert.Equal(["atticket_holds_total", "http_server_request_duration_seconds_bucket"], MetricNames("sum by (le, http_route) (rate(atticket_holds_total{outcome!=\"held\"}[5m])) / on (instance) http_server_request_duration_seconds_bucket"));
    }

    [Fact]
    public async Task After_a_hold_a_booking_and_a_refund_every_series_of_the_dashboard_and_the_README_is_scraped()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Dashboard series show");
        using var member = await app.NewMemberAsync();
        var booking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        using (var cancelled = await member.Client.CancelAsync(BookingApi.BookingId(booking)))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        // A paused line with one member in it, for the waiting-line gauges.
        var queued = await new AdminSetup(admin).SmallShowAsync("Dashboard series line");
        var line = $"/api/performances/{queued.PerformanceId}/queue";
        await QueueApi.SetCapOfOneAsync(admin, line, paused: true);
        await QueueApi.JoinAsync(member.Client, line);

        var expected = DashboardSeries().Concat(ReadmeSeries()).Distinct().Order().ToList();
        List<string> Missing(string scrape) => [.. expected.Where(name => !Scraped(scrape, name))];
        await Within.ReadUntilAsync(
            ScrapeAsync,
            scrape => Missing(scrape).Count == 0,
            scrape => $"Named by the dashboard or the README but not scraped: {string.Join(", ", Missing(scrape))}.\n---- the last scrape ----\n{scrape}",
            Bound);
    }

    /// <summary>A sample of the series, or for a histogram's base name its buckets.</summary>
    private static bool Scraped(string scrape, string name) =>
        scrape.Split('\n').Any(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "_bucket{", StringComparison.Ordinal));

    private static IReadOnlyList<string> DashboardSeries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "deploy", "grafana", "dashboards", "atticket.json")));
        return [.. Expressions(dashboard.RootElement).SelectMany(MetricNames).Distinct()];
    }

    /// <summary>The series named in the README's Metrics paragraph of "Operating AtTicket", in backticks.</summary>
    private static IReadOnlyList<string> ReadmeSeries()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        var start = readme.IndexOf("- **Metrics**", StringComparison.Ordinal);
        Assert.True(start >= 0, "The README's \"Operating AtTicket\" section has no **Metrics** item.");
        var end = readme.IndexOf("\n- **", start + 1, StringComparison.Ordinal);
        var metrics = readme[start..(end < 0 ? readme.Length : end)];
        return [.. ReadmeName().Matches(metrics).Select(m => m.Groups["name"].Value).Distinct()];
    }

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var expression in Expressions(property.Value))
                        {
                            yield return expression;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var expression in element.EnumerateArray().SelectMany(Expressions))
                {
                    yield return expression;
                }

                break;
        }
    }

    /// <summary>The metric names of a PromQL expression: what is left after label matchers, ranges, grouping clauses and function calls.</summary>
    private static IEnumerable<string> MetricNames(string expression)
    {
        var bare = GroupingClause().Replace(RangeOrMatcher().Replace(expression, " "), " ");
        return Identifier().Matches(bare).Select(m => m.Value).Where(name => !PromQlWords.Contains(name)).Distinct();
    }

    private async Task<string> ScrapeAsync()
    {
        using var local = app.App.NewClient(IPAddress.Loopback);
        using var response = await local.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtTicket.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AtTicket.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]|""[^""]*""")]
    private static partial Regex RangeOrMatcher();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingClause();

    /// <summary>A name not followed by "(" (a function) and not inside a number.</summary>
    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"`(?<name>(atticket|http|dotnet|process|aspnetcore|kestrel)_[a-z0-9_]+)(\{[^`]*\})?`")]
    private static partial Regex ReadmeName();
}

[CollectionDefinition(DashboardSeriesTests.Name, DisableParallelization = true)]
public sealed class DashboardSeriesCollection;
