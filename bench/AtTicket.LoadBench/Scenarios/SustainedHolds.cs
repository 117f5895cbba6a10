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
    public static async Task<SustainedHoldsResult> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var clients = context.Churners.Select(m => new BuyerClient(options.NginxUrl, m)).ToList();
        try
        {
            var churn = new HoldChurn(clients, context.Churned);
            var digests = await context.Statements.IsAvailableAsync();
            if (digests)
            {
                await context.Statements.ClearAsync();
            }

            var cpuBefore = context.Cpu.Snapshot();
            var seconds = await churn.RunAsync(TimeSpan.FromSeconds(options.SustainedSeconds));
            var cpuAfter = context.Cpu.Snapshot();
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
                $"S1 sustained holds: {result.SuccessfulHoldsPerSecond:N1} successful holds/s, {result.CallsPerSecond:N1} calls/s, " +
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
