using System.Diagnostics;
using AtTicket.LoadBench.Circuits;
using AtTicket.LoadBench.Measuring;
using AtTicket.LoadBench.Setup;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>
/// One step of S4: <see cref="Circuits"/> seat-map circuits open on the node. Memory after a full GC
/// (and per circuit against the step with none); then seat changes made through the API, each timed
/// until its render batch reached a sample of the circuits, from the API's answer (the change was
/// published before it) and from the call being sent (which includes the hold itself).
/// </summary>
public sealed record CircuitStep(
    int Circuits,
    int FailedToOpen,
    int Disconnected,
    double OpenSeconds,
    MemoryReading Memory,
    double? WorkingSetMiBPerCircuit,
    double? GcHeapMiBPerCircuit,
    int Changes,
    int Sampled,
    int Rendered,
    DeliveryDelay? FromAnswer,
    DeliveryDelay? FromSend,
    double? BatchBytesPerChange,
    double NodeCoresWhileChanging,
    string LoadAverage);

/// <summary>
/// S4's figures: the steps in order and where the render time passed the limit. The limit applies to
/// what comes on top of the page's deliberate batching (<see cref="BatchingMs"/>): a step is over it
/// when render p99 &gt; BatchingMs + LimitMs.
/// </summary>
public sealed record CircuitsResult(
    DateTimeOffset MeasuredAt,
    string Commit,
    string Node,
    string Page,
    int Seats,
    int SampleSize,
    int ChangesPerStep,
    double LimitMs,
    double BatchingMs,
    IReadOnlyList<CircuitStep> Steps,
    int? LastWithinLimit,
    int? FirstOverLimit,
    string StoppedBecause,
    MemoryReading? AfterClosing);

/// <summary>
/// S4: real Blazor Server circuits on the churned performance's seat map, all on node A (direct, not
/// through nginx), opened in steps. Circuits speak the Blazor protocol (<see cref="SeatMapCircuit"/>)
/// instead of driving browsers: the node does the same work for either, and a headless Chromium page
/// costs the shared cores and memory far more than the node's side of the circuit, so a browser
/// would measure the load generator. Seat changes are holds and releases by one member through
/// nginx (so either node may make them); each is looked for in the render batches of a sample of
/// circuits, by the seat's label with its new status. The first step whose render p99 passes the
/// limit is recorded; the steps go on (for memory) until render p99 passes a stop (default: ten times the limit),
/// circuits fail to open, the next step would pass the memory budget, or the last step is done. The seat map holds each change back for its batching interval (250 ms)
/// before it renders, so that much of every render-after-change time is by design; the limit is
/// checked on the rest.
/// </summary>
public static class SeatMapCircuits
{
    private const int OpeningConcurrency = 4;
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RenderPatience = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<CircuitsResult> RunAsync(BenchContext context, string commit)
    {
        var measuredAt = DateTimeOffset.UtcNow;
        var options = context.Options;
        var node = options.NodeUrls[0];
        var performance = context.Churned;
        var path = $"/performances/{performance.PerformanceId}";
        var pid = options.Pids.TryGetValue("node-a", out var p) ? p : (int?)null;
        using var pages = new HttpClient { Timeout = OpenTimeout };
        pages.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        using var buyer = new BuyerClient(options.NginxUrl, context.Churners[0]);
        var random = new Random(4);

        var circuits = new List<SeatMapCircuit>();
        var steps = new List<CircuitStep>();
        var stopped = "the last step was reached";
        try
        {
            foreach (var target in options.CircuitSteps)
            {
                if (Projected(steps, target) is { } projected && projected > options.CircuitMemoryBudgetMiB)
                {
                    stopped = $"{target} circuits would take node A to about {projected:N0} MiB, past the {options.CircuitMemoryBudgetMiB:N0} MiB budget";
                    break;
                }

                var clock = Stopwatch.StartNew();
                var failed = await OpenAsync(circuits, target, pages, node, path, Label(performance.Seats[0]));
                var openSeconds = clock.Elapsed.TotalSeconds;
                await Task.Delay(Settle);

                var cpuBefore = context.Cpu.Snapshot();
                clock.Restart();
                var probe = await ProbeAsync(circuits, buyer, performance, options.CircuitChanges, options.CircuitSample, random);
                var cores = ProcessCpu.Between(cpuBefore, context.Cpu.Snapshot(), clock.Elapsed.TotalSeconds, 1).GetValueOrDefault("node-a")?.Cores ?? 0;

                var memory = pid is { } id ? await NodeMemory.ReadAsync(id) : new MemoryReading(0, null);
                var baseline = steps.FirstOrDefault(s => s.Circuits == 0)?.Memory;
                var step = new CircuitStep(
                    circuits.Count,
                    failed,
                    circuits.Count(c => !c.Connected),
                    Math.Round(openSeconds, 1),
                    memory,
                    PerCircuit(memory.WorkingSetMiB, baseline?.WorkingSetMiB, circuits.Count),
                    PerCircuit(memory.GcHeapMiB, baseline?.GcHeapMiB, circuits.Count),
                    probe.Changes,
                    probe.Sampled,
                    probe.FromAnswer.Length,
                    probe.FromAnswer.Length > 0 ? DeliveryDelay.Of("API answer", probe.FromAnswer) : null,
                    probe.FromSend.Length > 0 ? DeliveryDelay.Of("call being sent", probe.FromSend) : null,
                    probe.BatchBytesPerChange,
                    cores,
                    LoadAverage());
                steps.Add(step);
                Console.WriteLine(
                    $"  {step.Circuits} circuits ({failed} failed to open, {openSeconds:0.0} s): RSS {memory.WorkingSetMiB:N0} MiB, GC heap {memory.GcHeapMiB?.ToString("N0") ?? "?"} MiB" +
                    $"{(step.GcHeapMiBPerCircuit is { } h ? $" ({h:0.###} MiB heap per circuit)" : null)}; " +
                    (step.FromAnswer is { } r ? $"render after change p50 {r.P50Ms} ms p99 {r.P99Ms} ms ({step.Rendered}/{step.Sampled} seen)" : "no circuit to render") +
                    $"; node {cores:0.00} cores; load {step.LoadAverage}");

                // Past the limit the steps go on for the memory figures, until renders are far past it.
                if (step.FromAnswer is { } delay && delay.P99Ms > options.CircuitStopMs)
                {
                    stopped = $"render p99 passed {options.CircuitStopMs} ms";
                    break;
                }

                if (failed > Math.Max(3, target / 20) || step.Rendered < step.Sampled * 0.9)
                {
                    stopped = failed > 0 ? $"{failed} circuits failed to open" : "renders went missing";
                    break;
                }
            }
        }
        finally
        {
            foreach (var batch in circuits.Chunk(32))
            {
                await Task.WhenAll(batch.Select(c => c.CloseAsync(pages, node)));
            }
        }

        await Task.Delay(Settle);
        var afterClosing = pid is { } nodePid ? await NodeMemory.ReadAsync(nodePid) : null;
        var limit = options.CircuitBatchingMs + options.CircuitLimitMs;
        var within = steps.Where(s => s.Circuits > 0 && s.FromAnswer is { } d && d.P99Ms <= limit).Select(s => (int?)s.Circuits).LastOrDefault();
        var over = steps.Where(s => s.FromAnswer is { } d && d.P99Ms > limit).Select(s => (int?)s.Circuits).FirstOrDefault();
        return new CircuitsResult(measuredAt, commit, node, path, performance.Seats.Count, options.CircuitSample, options.CircuitChanges, options.CircuitLimitMs, options.CircuitBatchingMs, steps, within, over, stopped, afterClosing);
    }

    /// <summary>The seat's label on the map up to its grade: what a render batch carries when the seat changes.</summary>
    private static string Label(BenchSeat seat) => $"Section {BenchCatalog.SectionName}, row {BenchCatalog.RowLabel(seat.Row)}, seat {seat.Number}, ";

    /// <summary>Node A's resident memory with <paramref name="target"/> circuits, from the last step's memory per circuit.</summary>
    private static double? Projected(List<CircuitStep> steps, int target) =>
        steps.FirstOrDefault(s => s.Circuits == 0) is { } baseline && steps.LastOrDefault(s => s.WorkingSetMiBPerCircuit is > 0) is { } last
            ? baseline.Memory.WorkingSetMiB + (last.WorkingSetMiBPerCircuit!.Value * target)
            : null;

    private static double? PerCircuit(double? now, double? baseline, int circuits) =>
        now is { } n && baseline is { } b && circuits > 0 ? Math.Round((n - b) / circuits, 3) : null;

    /// <summary>Opens circuits until there are <paramref name="target"/>; returns how many failed.</summary>
    private static async Task<int> OpenAsync(List<SeatMapCircuit> circuits, int target, HttpClient pages, string node, string path, string readyMarker)
    {
        var failed = 0;
        using var gate = new SemaphoreSlim(OpeningConcurrency);
        var opening = Enumerable.Range(0, Math.Max(0, target - circuits.Count)).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var circuit = await SeatMapCircuit.OpenAsync(pages, node, path, readyMarker, OpenTimeout);
                lock (circuits)
                {
                    circuits.Add(circuit);
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or OperationCanceledException or TimeoutException or IOException)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                {
                    Console.WriteLine($"  a circuit failed to open: {exception.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(opening);
        return failed;
    }

    private sealed record Probe(int Changes, int Sampled, double[] FromAnswer, double[] FromSend, double? BatchBytesPerChange);

    /// <summary>
    /// <paramref name="changes"/> seat changes, one at a time: a hold of a random seat, then its release.
    /// Each is watched for in up to <paramref name="sampleSize"/> circuits spread over the open ones.
    /// </summary>
    private static async Task<Probe> ProbeAsync(List<SeatMapCircuit> circuits, BuyerClient buyer, BenchPerformance performance, int changes, int sampleSize, Random random)
    {
        var fromAnswer = new List<double>();
        var fromSend = new List<double>();
        var sample = circuits.Count == 0 ? [] : Enumerable.Range(0, Math.Min(sampleSize, circuits.Count)).Select(i => circuits[i * circuits.Count / Math.Min(sampleSize, circuits.Count)]).ToList();
        var bytesBefore = circuits.Sum(c => c.Bytes);
        var made = 0;
        var sampled = 0;
        while (made < changes)
        {
            var seat = performance.Seats[random.Next(performance.Seats.Count)];
            var label = Label(seat);

            var held = sample.Select(c => c.WatchAsync(label, "on hold")).ToList();
            var sent = Stopwatch.GetTimestamp();
            var hold = await buyer.HoldAsync(performance.PerformanceId, [seat.Id]);
            var answered = Stopwatch.GetTimestamp();
            if (hold.Status != 201)
            {
                sample.ForEach(c => c.StopWatching());
                Console.WriteLine($"  a probe hold of seat {seat.Id} answered {hold.Status}; another seat is tried");
                continue;
            }

            made++;
            sampled += sample.Count;
            await CollectAsync(sample, held, sent, answered, fromAnswer, fromSend);

            var released = sample.Select(c => c.WatchAsync(label, "available")).ToList();
            sent = Stopwatch.GetTimestamp();
            var (status, _) = await buyer.ReleaseAsync(hold.HoldId!.Value);
            answered = Stopwatch.GetTimestamp();
            if (status == 204)
            {
                made++;
                sampled += sample.Count;
            }

            await CollectAsync(sample, released, sent, answered, status == 204 ? fromAnswer : [], status == 204 ? fromSend : []);
        }

        var bytes = circuits.Sum(c => c.Bytes) - bytesBefore;
        return new Probe(made, sampled, [.. fromAnswer.Order()], [.. fromSend.Order()], circuits.Count > 0 && made > 0 ? Math.Round((double)bytes / made / circuits.Count, 0) : null);
    }

    private static async Task CollectAsync(List<SeatMapCircuit> sample, List<Task<long>> watches, long sent, long answered, List<double> fromAnswer, List<double> fromSend)
    {
        await Task.WhenAny(Task.WhenAll(watches), Task.Delay(RenderPatience));
        sample.ForEach(c => c.StopWatching());
        foreach (var watch in watches.Where(w => w.IsCompletedSuccessfully))
        {
            fromAnswer.Add(Stopwatch.GetElapsedTime(answered, watch.Result).TotalMilliseconds);
            fromSend.Add(Stopwatch.GetElapsedTime(sent, watch.Result).TotalMilliseconds);
        }
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
