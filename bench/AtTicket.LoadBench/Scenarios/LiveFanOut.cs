using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AtTicket.LoadBench.Measuring;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>A node's own account of its feed (GET /api/live/metrics): publish to delivery to the node, in ms.</summary>
public sealed record NodeFeedMetrics(string Node, long Delivered, double? P50Ms, double? P99Ms);

/// <summary>Change-to-receive delays of every delivery, measured from one moment of the change.</summary>
public sealed record DeliveryDelay(string From, int Samples, double P50Ms, double P99Ms, double MaxMs)
{
    public static DeliveryDelay Of(string from, double[] ascending) =>
        new(from, ascending.Length, Percentile.Of(ascending, 50), Percentile.Of(ascending, 99), ascending.Length > 0 ? Math.Round(ascending[^1], 1) : 0);
}

/// <summary>S3's figures; <see cref="Delays"/> starts with the one the target is checked on.</summary>
public sealed record FanOutResult(
    int Subscribers,
    IReadOnlyDictionary<string, int> ConnectionsPerNode,
    double ConnectSeconds,
    double Seconds,
    long Changes,
    long Expected,
    long Delivered,
    double DeliveredRatio,
    int Resyncs,
    int Disconnected,
    IReadOnlyList<DeliveryDelay> Delays,
    IReadOnlyList<NodeFeedMetrics> NodeFeeds,
    double SuccessfulHoldsPerSecond,
    CallStats Holds,
    IReadOnlyDictionary<string, CpuUse> Cpu);

/// <summary>
/// S3: hub subscribers of the churned performance, connected through nginx (which spreads them over
/// both nodes), while S1's load runs again. Each message's delay is measured from its publishedAt
/// when the message carries one. Otherwise it is bracketed by the call that made the change: from
/// the moment the API answered it (a lower bound: the node publishes before it answers, so it can be
/// negative) and from the moment the call was sent (an upper bound: it includes the hold). Expected
/// deliveries are every subscriber getting every number between the performance's sequence before
/// and after the load.
/// </summary>
public static class LiveFanOut
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public static async Task<FanOutResult> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var performanceId = context.Churned.PerformanceId;
        var clock = Stopwatch.StartNew();
        var subscribers = await ConnectAsync(options.NginxUrl, performanceId, options.Subscribers);
        var connectSeconds = clock.Elapsed.TotalSeconds;
        var perNode = options.NodeUrls.ToDictionary(u => u, u => LoopbackConnections.To(new Uri(u).Port));
        Console.WriteLine($"  {subscribers.Count} hub subscribers connected in {connectSeconds:0.0} s; connections per node: {string.Join(", ", perNode.Select(n => $"{n.Key} {n.Value}"))}");

        var clients = context.Churners.Select(m => new BuyerClient(options.NginxUrl, m)).ToList();
        try
        {
            var changes = new ConcurrentQueue<ChangeMade>();
            var churn = new HoldChurn(clients, context.Churned) { OnChange = changes.Enqueue };
            var before = await SequenceAsync(context, performanceId);
            var cpuBefore = context.Cpu.Snapshot();
            var seconds = await churn.RunAsync(TimeSpan.FromSeconds(options.FanOutSeconds));
            var cpuAfter = context.Cpu.Snapshot();
            var after = await SequenceAsync(context, performanceId);
            await WaitForLastAsync(subscribers, after);

            var observed = subscribers[0].Observed.ToList();
            var delays = Delays(subscribers, observed, [.. changes], before, after);
            var expected = (after - before) * subscribers.Count;
            var delivered = subscribers.Sum(s => (long)s.Received.Where(r => r.Sequence > before && r.Sequence <= after).Select(r => r.Sequence).Distinct().Count());
            var calls = churn.Holds.Count + churn.Releases.Count;
            var result = new FanOutResult(
                subscribers.Count,
                perNode,
                Math.Round(connectSeconds, 1),
                Math.Round(seconds, 1),
                after - before,
                expected,
                delivered,
                expected > 0 ? Math.Round((double)delivered / expected, 4) : 0,
                subscribers.Sum(s => s.Resyncs),
                subscribers.Count(s => !s.Connected),
                delays,
                await NodeFeedsAsync(context),
                Math.Round(churn.Holds.CountOf(201) / seconds, 1),
                churn.Holds.Summarize(seconds),
                ProcessCpu.Between(cpuBefore, cpuAfter, seconds, calls));
            Console.WriteLine(
                $"S3 live fan-out: {result.Subscribers} subscribers, {result.Changes} changes, delivered/expected {result.DeliveredRatio:0.####}, " +
                string.Join(", ", delays.Select(d => $"from the {d.From}: p50 {d.P50Ms} ms p99 {d.P99Ms} ms")) + $", {result.Resyncs} resyncs; " +
                $"holds meanwhile {result.SuccessfulHoldsPerSecond:N1}/s, p99 {result.Holds.P99Ms} ms");
            return result;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            await Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private static async Task<List<HubSubscriber>> ConnectAsync(string baseUrl, int performanceId, int count)
    {
        var subscribers = new HubSubscriber[count];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                subscribers[i] = await HubSubscriber.ConnectAsync(baseUrl, performanceId, observer: i == 0);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. subscribers];
    }

    /// <summary>The performance's live sequence, from the seats API.</summary>
    private static async Task<long> SequenceAsync(BenchContext context, int performanceId) =>
        (await context.Admin.GetFromJsonAsync<JsonElement>($"/api/performances/{performanceId}/availability")).GetProperty("sequence").GetInt64();

    /// <summary>Lets deliveries in flight arrive: until every subscriber has number <paramref name="last"/>, at most <see cref="Settle"/>.</summary>
    private static async Task WaitForLastAsync(List<HubSubscriber> subscribers, long last)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Settle && !subscribers.All(s => s.Received.Any(r => r.Sequence >= last)))
        {
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Every delivery's delay. From publishedAt when messages carry it; otherwise each number is
    /// matched (through the observer's copy: which seats, which status) to the call that made that
    /// change, the one whose answer is closest in time, and timed from its answer and from its sending.
    /// </summary>
    private static IReadOnlyList<DeliveryDelay> Delays(List<HubSubscriber> subscribers, List<SeatsChangedMessage> observed, List<ChangeMade> changes, long before, long after)
    {
        var all = subscribers.SelectMany(s => s.Received).Where(r => r.Sequence > before && r.Sequence <= after).ToList();
        if (all.Count > 0 && all.All(r => r.SincePublishedMs is not null))
        {
            return [DeliveryDelay.Of("publishedAt in the message", [.. all.Select(r => r.SincePublishedMs!.Value).Order()])];
        }

        var observerReceived = subscribers[0].Received.GroupBy(r => r.Sequence).ToDictionary(g => g.Key, g => g.Min(r => r.ReceivedAt));
        var calls = changes.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.ToList());
        var madeBy = new Dictionary<long, ChangeMade>();
        foreach (var message in observed.Where(m => m.Sequence > before && m.Sequence <= after))
        {
            var key = message.Seats.Count > 0 && message.Seats.All(s => s.Status == message.Seats[0].Status)
                ? ChangeMade.KeyOf(message.Seats.Select(s => s.Id), message.Seats[0].Status)
                : null;
            if (key is not null && calls.TryGetValue(key, out var candidates) && candidates.Count > 0 && observerReceived.TryGetValue(message.Sequence, out var seen))
            {
                var nearest = candidates.MinBy(c => Math.Abs(c.AnsweredAt - seen))!;
                candidates.Remove(nearest);
                madeBy[message.Sequence] = nearest;
            }
        }

        var matched = all.Where(r => madeBy.ContainsKey(r.Sequence)).ToList();
        return
        [
            DeliveryDelay.Of("API answer", [.. matched.Select(r => Stopwatch.GetElapsedTime(madeBy[r.Sequence].AnsweredAt, r.ReceivedAt).TotalMilliseconds).Order()]),
            DeliveryDelay.Of("call being sent", [.. matched.Select(r => Stopwatch.GetElapsedTime(madeBy[r.Sequence].SentAt, r.ReceivedAt).TotalMilliseconds).Order()]),
        ];
    }

    private static async Task<IReadOnlyList<NodeFeedMetrics>> NodeFeedsAsync(BenchContext context)
    {
        var feeds = new List<NodeFeedMetrics>();
        foreach (var node in context.Options.NodeUrls)
        {
            using var http = new HttpClient { BaseAddress = new Uri(node), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", context.AdminToken);
            var metrics = await http.GetFromJsonAsync<JsonElement>("/api/live/metrics");
            double? Get(string name) => metrics.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? Math.Round(v.GetDouble(), 1) : null;
            feeds.Add(new NodeFeedMetrics(node, metrics.GetProperty("delivered").GetInt64(), Get("deliverLatencyP50Ms"), Get("deliverLatencyP99Ms")));
        }

        return feeds;
    }
}
