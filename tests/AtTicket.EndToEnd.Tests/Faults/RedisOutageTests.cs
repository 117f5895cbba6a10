using System.Diagnostics;
using AtTicket.EndToEnd.Tests.Nodes;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// Redis dies (SIGKILL) and comes back empty: the catalog, the performance and the seat map keep answering from
/// the database and the memory cache meanwhile, nothing answers 500 or hangs, and holds go through again after
/// the restart without restarting the node.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RedisOutageTests(FaultNode fault)
{
    private const int PerformanceId = 1;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly string[] Reads = ["/api/products", $"/api/performances/{PerformanceId}", $"/api/performances/{PerformanceId}/seats"];

    [Fact]
    public async Task While_Redis_is_down_reads_keep_answering_and_holds_go_through_again_after_it_returns()
    {
        fault.Require();
        using var member = await AtTicketApi.LogInAsync(fault.Node.BaseUrl, Demo.CustomerEmail, Demo.CustomerPassword);
        var seats = new Queue<int>((await member.SeatsAsync(PerformanceId)).Seats.Where(s => s.Status == "available" && s.GradeId is not null).Select(s => s.Id).Reverse());
        using var calls = new OutageCalls(fault.Node.BaseUrl, member.AccessToken!);
        try
        {
            await ReadAllAsync(calls); // warm the caches, as a running node has them

            calls.Phase = "outage";
            await fault.Redis.StopAsync();
            for (var round = 0; round < 5; round++)
            {
                await ReadAllAsync(calls);
                await calls.HoldAsync(PerformanceId, seats.Dequeue());
            }

            calls.Phase = "after";
            await fault.Redis.StartAsync(samePort: true);
            var restarted = Stopwatch.StartNew();
            while (await calls.HoldAsync(PerformanceId, seats.Dequeue()) is null)
            {
                Assert.True(restarted.Elapsed < Bound, $"No hold went through within {Bound.TotalSeconds:0} s of Redis' restart.\n{fault.Diagnostics()}");
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }

            var recovered = restarted.Elapsed;
            await ReadAllAsync(calls);

            var all = calls.All;
            var outage = all.Where(c => c.Phase == "outage").ToList();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Redis outage: {outage.Count} calls answered {Describe(outage)} (reads {Describe(outage.Where(c => c.What == "read"))}, holds {Describe(outage.Where(c => c.What == "hold"))}); " +
                $"slowest {outage.Max(c => c.Milliseconds):0} ms; first hold {recovered.TotalSeconds:0.0} s after the restart; all calls {Describe(all)}.");
            Assert.All(all, c => Assert.True(c.Status is not (OutageCall.NoAnswer or 500 or 502 or 504), $"{c.What} in phase {c.Phase} answered {c.Status} after {c.Milliseconds:0} ms.\n{fault.Diagnostics()}"));
            Assert.All(outage.Where(c => c.What == "read"), c => Assert.Equal(200, c.Status));
            Assert.All(outage.Where(c => c.Status == 503), c => Assert.True(c.IsProblemDocument && c.RetryAfter is not null, $"A 503 to {c.What} came as {c.ContentType} without Retry-After."));
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(fault.Diagnostics());
            throw;
        }
        finally
        {
            await fault.Redis.EnsureRunningAsync();
        }
    }

    private static async Task ReadAllAsync(OutageCalls calls)
    {
        foreach (var path in Reads)
        {
            await calls.GetAsync("read", path);
        }
    }

    private static string Describe(IEnumerable<OutageCall> calls) =>
        string.Join(", ", calls.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == OutageCall.NoAnswer ? "none" : g.Key)}: {g.Count()}"));
}
