using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AtTicket.LoadBench.Measuring;

namespace AtTicket.LoadBench.Scenarios;

/// <param name="Members">Members in the line, each polling with their own bearer token.</param>
/// <param name="TrivialNodeCpu">Node A's CPU for <c>/health/live</c>, per call.</param>
/// <param name="PlaceNodeCpu">Node A's CPU for an authenticated place check, per call.</param>
/// <param name="HeapBytesPerMember">Node A's managed heap after a full GC, after the members joined and polled, minus before, per member.</param>
public sealed record WaitingPagesResult(
    int Members,
    int Connections,
    string Node,
    CallStats Trivial,
    CallStats PlaceChecks,
    CpuUse TrivialNodeCpu,
    CpuUse PlaceNodeCpu,
    double? HeapBeforeMiB,
    double? HeapAfterMiB,
    double? HeapBytesPerMember);

/// <summary>
/// Q1 over HTTP: what a waiting page's poll costs a node. The bench's members join a paused line (nobody is
/// admitted, so every poll is a waiting member's), then node A answers, for the same time at the same
/// concurrency from the same client, the trivial endpoint and <c>GET /api/performances/{id}/queue</c> with a
/// random member's bearer token (authentication, the line's rules, the Redis script, JSON). Node A's CPU is read
/// from /proc around each run, its managed heap (after a full GC) before the joins and after the polls.
/// </summary>
public static class WaitingPagesOverHttp
{
    public static async Task<WaitingPagesResult> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var node = options.NodeUrls[0];
        var pid = options.Pids.TryGetValue("node-a", out var p) ? p : (int?)null;
        var members = context.Churners.Concat(context.Buyers).ToArray();
        var line = $"/api/performances/{context.Churned.PerformanceId}/queue";
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(node), Timeout = TimeSpan.FromSeconds(60) };
        var before = pid is { } id ? await NodeMemory.ReadAsync(id) : null;
        var rules = new { opensAt = DateTimeOffset.UtcNow.AddMinutes(-1), admitPerMinute = 1, paused = true, graceSeconds = 1800 };
        (await context.Admin.PutAsJsonAsync($"{line}/line", rules)).EnsureSuccessStatusCode();
        try
        {
            await JoinAllAsync(http, line, members, options.Connections);
            var duration = TimeSpan.FromSeconds(options.ReadSeconds);
            var (trivial, trivialCpu) = await PollAsync(context, http, duration, _ => new HttpRequestMessage(HttpMethod.Get, "/health/live"));
            var (places, placeCpu) = await PollAsync(context, http, duration, _ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, line);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", members[Random.Shared.Next(members.Length)].AccessToken);
                return request;
            });
            var after = pid is { } nodePid ? await NodeMemory.ReadAsync(nodePid) : null;
            var perMember = before?.GcHeapMiB is { } heapBefore && after?.GcHeapMiB is { } heapAfter
                ? Math.Round((heapAfter - heapBefore) * 1024 * 1024 / members.Length)
                : (double?)null;
            Console.WriteLine(
                $"  over HTTP on node A: /health/live {trivial.PerSecond:N0}/s ({trivialCpu.MsPerCall} ms CPU), place checks {places.PerSecond:N0}/s p99 {places.P99Ms} ms ({placeCpu.MsPerCall} ms CPU), heap {perMember} B/member");
            return new WaitingPagesResult(members.Length, options.Connections, "node A", trivial, places, trivialCpu, placeCpu, before?.GcHeapMiB, after?.GcHeapMiB, perMember);
        }
        finally
        {
            await context.Admin.DeleteAsync($"{line}/line");
        }
    }

    /// <summary>Every member joins once, as their waiting page does on arrival; the node may need a moment to see the new line.</summary>
    private static async Task JoinAllAsync(HttpClient http, string line, IReadOnlyList<Setup.BenchMember> members, int connections)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < members.Count)
            {
                for (var attempt = 0; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, line) { Content = JsonContent.Create(new { }) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", members[i].AccessToken);
                    using var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }

                    if (attempt >= 20)
                    {
                        throw new InvalidOperationException($"A member could not join the line: {(int)response.StatusCode}.");
                    }

                    await Task.Delay(250); // the node reads a new line's rules within 2 s
                }
            }
        }));
    }

    private static async Task<(CallStats Stats, CpuUse NodeCpu)> PollAsync(BenchContext context, HttpClient http, TimeSpan duration, Func<int, HttpRequestMessage> request)
    {
        var log = new CallLog();
        var cpuBefore = context.Cpu.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, context.Options.Connections).Select(async worker =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var message = request(worker);
                    using var response = await http.SendAsync(message);
                    await response.Content.ReadAsByteArrayAsync();
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = CallLog.NoAnswer;
                }

                log.Add(status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var stats = log.Summarize(seconds);
        var cpu = ProcessCpu.Between(cpuBefore, context.Cpu.Snapshot(), seconds, stats.Calls);
        return (stats, cpu.GetValueOrDefault("node-a") ?? new CpuUse(0, 0));
    }
}
