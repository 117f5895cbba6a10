using AtTicket.LoadBench.Measuring;
using StackExchange.Redis;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>One API operation with nothing else running: its latency, its database statements in order, its Redis commands.</summary>
public sealed record OperationProfile(
    string Operation,
    int Samples,
    double P50Ms,
    double MaxMs,
    int Statements,
    double ServerMs,
    IReadOnlyList<StatementEvent> StatementsOfOne,
    IReadOnlyDictionary<string, double> RedisCommandsPerCall)
{
    /// <summary>Statements that follow the previous one within this many ms were sent with it (MySqlConnector pipelines a connection reset with the next command).</summary>
    public const double PipelinedGapMs = 0.02;

    /// <summary>Database round trips of the profiled call, estimated from the gaps between its statements.</summary>
    public int RoundTrips => StatementsOfOne.Count == 0 ? 0 : 1 + StatementsOfOne.Skip(1).Count(s => s.GapBeforeMs >= PipelinedGapMs);
}

public sealed record ProfileResult(IReadOnlyList<OperationProfile> Operations);

/// <summary>
/// Where a hold's time goes, without contention: members hold seats of a performance of their own one
/// at a time, then half of them pay and half release. For the last call of each kind the database's
/// statement history is kept whole; Redis's command counts are compared around every phase.
/// </summary>
public static class HoldProfile
{
    public static async Task<ProfileResult> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var members = context.Churners.Take(Math.Max(2, options.ProfileHolds)).ToList();
        var clients = members.Select(m => new BuyerClient(options.NginxUrl, m)).ToList();
        var history = new StatementHistory(options.Database);
        await history.EnableAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis + ",allowAdmin=true");
        var commands = new RedisCommandCounts(redis);
        var seats = context.Profiled.Seats.Select(s => s.Id).ToArray();
        var performanceId = context.Profiled.PerformanceId;
        try
        {
            // Warm both nodes' paths (JIT, pools, caches) on seats of their own before measuring.
            for (var i = 0; i < 6; i++)
            {
                var warm = await clients[i].HoldAsync(performanceId, [seats[^(i + 2)]]);
                if (warm.HoldId is { } id)
                {
                    await clients[i].ReleaseAsync(id);
                }
            }

            var holds = new Guid[clients.Count];
            var profiles = new List<OperationProfile>
            {
                await ProfileAsync("hold (2 seats)", clients.Count, history, commands, async i =>
                {
                    var hold = await clients[i].HoldAsync(performanceId, [seats[2 * i], seats[2 * i + 1]]);
                    holds[i] = hold.HoldId ?? throw new InvalidOperationException($"A profiled hold failed: {hold.Status}.");
                    return hold.Milliseconds;
                }),
            };
            var half = clients.Count / 2;
            profiles.Add(await ProfileAsync("booking (pay and confirm)", half, history, commands, async i =>
            {
                var (status, milliseconds) = await clients[i].BookAsync(holds[i]);
                return status == 201 ? milliseconds : throw new InvalidOperationException($"A profiled booking failed: {status}.");
            }));
            profiles.Add(await ProfileAsync("release", clients.Count - half, history, commands, async i =>
            {
                var (status, milliseconds) = await clients[half + i].ReleaseAsync(holds[half + i]);
                return status == 204 ? milliseconds : throw new InvalidOperationException($"A profiled release failed: {status}.");
            }));
            foreach (var profile in profiles)
            {
                Console.WriteLine($"profile {profile.Operation}: p50 {profile.P50Ms} ms alone, {profile.Statements} SQL statements ({profile.ServerMs} ms in MariaDB), Redis {string.Join(" ", profile.RedisCommandsPerCall.Select(c => $"{c.Key}×{c.Value}"))}");
            }

            return new ProfileResult(profiles);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<OperationProfile> ProfileAsync(string operation, int count, StatementHistory history, RedisCommandCounts commands, Func<int, Task<double>> call)
    {
        var before = await commands.ReadAsync();
        var milliseconds = new List<double>();
        IReadOnlyList<StatementEvent> last = [];
        for (var i = 0; i < count; i++)
        {
            // The last call's statements: by then JIT, pools and caches are warm.
            var kept = i == count - 1;
            if (kept)
            {
                await history.ClearAsync();
            }

            milliseconds.Add(await call(i));
            if (kept)
            {
                last = await history.ReadAsync();
            }
        }

        var after = await commands.ReadAsync();
        var sorted = milliseconds.Order().ToArray();
        return new OperationProfile(
            operation,
            count,
            Percentile.Of(sorted, 50),
            Math.Round(sorted[^1], 1),
            last.Count,
            Math.Round(last.Sum(s => s.ServerMs), 2),
            last,
            RedisCommandCounts.PerOperation(before, after, count));
    }
}
