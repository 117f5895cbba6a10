using System.Collections.Concurrent;
using System.Diagnostics;
using AtTicket.Infrastructure.Telemetry;
using AtTicket.Infrastructure.Tests;
using AtTicket.Web.Tests.Api;
using AtTicket.Web.Tests.Api.Bookings;
using AtTicket.Web.Tests.Api.Holds;
using AtTicket.Web.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AtTicket.Web.Tests.Telemetry;

/// <summary>
/// One checkout's trace, as an operator with a collector sees it: the request's span and, inside it, the
/// card gateway's, MariaDB's (the sale's stored procedure too) and Redis's, as the app's tracer provider
/// processes them. The spans are kept by trace id (the request carries a traceparent), so other apps of
/// the test process tracing at the same time do not mix in.
/// </summary>
public sealed class CheckoutTraceTests
{
    /// <summary>Redis's instrumentation may hand over its commands in batches, about every ten seconds.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_checkouts_trace_has_the_gateway_the_database_and_Redis_inside_the_request()
    {
        var trace = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        await using var app = new TracedApp(TestApp.OnMariaDb(new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = await TestServices.RedisAsync(),
            ["OpenTelemetry:Endpoint"] = "http://127.0.0.1:9", // a collector nobody answers: traces are on, exports fail quietly
        }));
        await app.InitializeAsync();
        app.Services.GetRequiredService<TracerProvider>().AddProcessor(new Collector(trace, spans)); // beside the app's OTLP export
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Traced show");
        using var member = await app.NewMemberAsync();
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);

        member.Client.Http.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using (var booked = await member.Client.BookAsync(HoldApi.HoldId(hold), BookingApi.NewKey()))
        {
            await ApiAssert.JsonAsync(booked, System.Net.HttpStatusCode.Created);
        }

        await Within.UntilAsync(
            () => spans.Any(s => s.Kind == ActivityKind.Server) && HasGateway(spans) && HasDatabase(spans) && HasRedis(spans),
            () => "The trace lacks the request's, the gateway's, the sale's or Redis's span:\n" + Seen(spans),
            Bound);

        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        TestContext.Current.TestOutputHelper?.WriteLine($"{spans.Count} spans:\n{Seen(spans)}");
        Assert.StartsWith("POST /api/bookings", request.DisplayName, StringComparison.Ordinal);
        Assert.All(spans.Where(s => s != request), s => Assert.True(IsInside(s, request, spans), $"{s.DisplayName} is not inside the request's span."));
    }

    private static bool HasGateway(IEnumerable<Activity> spans) =>
        spans.Any(s => s.Source.Name == AtTicketMetrics.MeterName && s.DisplayName == "payment capture");

    /// <summary>The sale itself, a stored procedure the app calls without EF Core.</summary>
    private static bool HasDatabase(IEnumerable<Activity> spans) =>
        spans.Any(s => (Tag(s, "db.query.text") ?? Tag(s, "db.statement"))?.Contains("CALL `SellHold`", StringComparison.Ordinal) == true);

    private static bool HasRedis(IEnumerable<Activity> spans) =>
        spans.Any(s => Tag(s, "db.system") == "redis" || Tag(s, "db.system.name") == "redis");

    private static string Seen(IEnumerable<Activity> spans) => string.Join("\n", spans.Select(s => $"{s.Source.Name}: {s.DisplayName} ({s.Kind})"));

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    /// <summary>A descendant of <paramref name="request"/>: its parent chain reaches the request's span.</summary>
    private static bool IsInside(Activity span, Activity request, IEnumerable<Activity> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            if (next == request)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class TracedApp(TestApp app) : ApiApp(app);

    /// <summary>Keeps the ended spans of one trace, as an exporter would get them.</summary>
    private sealed class Collector(ActivityTraceId trace, ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.TraceId == trace)
            {
                spans.Enqueue(data);
            }
        }
    }
}
