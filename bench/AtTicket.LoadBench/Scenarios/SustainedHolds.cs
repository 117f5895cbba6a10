using AtTicket.LoadBench.Measuring;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>S1's figures: the hold calls, the releases, the CPU each process spent per call, and the database's busiest statements.</summary>
public sealed record SustainedHoldsResult(
    int Clients,
    int Seats,
    double Seconds,
    double SuccessfulHoldsPerSecond,
    double CallsPerSecond,
    CallStats Holds,
    CallStats Releases,
    IReadOnlyDictionary<string, CpuUse> Cpu,
    IReadOnlyList<StatementShape> DatabaseStatements);

/// <summary>S1: 200 clients, each its own member, holding 1-4 random seats and releasing on success, for 60 s.</summary>
public static class SustainedHolds
{
    public static Task<SustainedHoldsResult> RunAsync(BenchContext context) => RunAsync(context, context.Options.NginxUrl, context.Cpu);

    /// <summary>S1's load against <paramref name="baseUrl"/>, with the CPU of the processes <paramref name="cpu"/> watches.</summary>
    public static async Task<SustainedHoldsResult> RunAsync(BenchContext context, string baseUrl, ProcessCpu cpu)
    {
        var options = context.Options;
        var clients = context.Churners.Select(m => new BuyerClient(baseUrl, m)).ToList();
        try
        {
            // Nodes that served traffic before the on-sale: the JIT's tiers settle during the warm-up (a profile
            // 10-30 s into a cold run found 7 % of a node's CPU in the JIT and hot code still at tier 0).
            await new HoldChurn(clients, context.Churned).RunAsync(TimeSpan.FromSeconds(options.WarmUpSeconds));
            var churn = new HoldChurn(clients, context.Churned);
            var digests = await context.Statements.IsAvailableAsync();
            if (digests)
            {
                await context.Statements.ClearAsync();
            }

            var cpuBefore = cpu.Snapshot();
            var seconds = await churn.RunAsync(TimeSpan.FromSeconds(options.SustainedSeconds));
            var cpuAfter = cpu.Snapshot();
            var statements = digests ? await context.Statements.ReadAsync() : [];

            var held = churn.Holds.CountOf(201);
            var calls = churn.Holds.Count + churn.Releases.Count;
            var result = new SustainedHoldsResult(
                clients.Count,
                context.Churned.Seats.Count,
                Math.Round(seconds, 1),
                Math.Round(held / seconds, 1),
                Math.Round(calls / seconds, 1),
                churn.Holds.Summarize(seconds),
                churn.Releases.Summarize(seconds),
                ProcessCpu.Between(cpuBefore, cpuAfter, seconds, calls),
                [.. statements.Take(15)]);
            Console.WriteLine(
                $"sustained holds on {baseUrl}: {result.SuccessfulHoldsPerSecond:N1} successful holds/s, {result.CallsPerSecond:N1} calls/s, " +
                $"hold p50 {result.Holds.P50Ms} ms p95 {result.Holds.P95Ms} ms p99 {result.Holds.P99Ms} ms, statuses {Statuses(result.Holds)}");
            return result;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    public static string Statuses(CallStats stats) => string.Join(" ", stats.Statuses.Select(s => $"{s.Key}:{s.Value}"));
}
