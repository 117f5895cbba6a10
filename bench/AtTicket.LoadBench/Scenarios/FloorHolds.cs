using AtTicket.LoadBench.Calibration;
using AtTicket.LoadBench.Floor;
using AtTicket.LoadBench.Measuring;
using MySqlConnector;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>
/// F1: S1's clients, load and duration against the floor nodes (<see cref="FloorNode"/>) through the same
/// nginx, on a copy of the churned performance's seats. What the machine gives the least possible hold
/// path, so S1's figure can be read against the floor of this machine, not only against the
/// database's bare UPDATE.
/// </summary>
public static class FloorHolds
{
    public static async Task<SustainedHoldsResult> RunAsync(BenchContext context)
    {
        var options = context.Options;
        await DatabaseCalibration.CopySeatsAsync(new MySqlConnectionStringBuilder(options.Database), context.Churned.PerformanceId, FloorNode.Schema);
        var shared = options.Pids.Where(p => !p.Key.StartsWith("node-", StringComparison.Ordinal));
        var cpu = new ProcessCpu(shared.Concat(options.FloorPids).ToDictionary());
        return await SustainedHolds.RunAsync(context, options.FloorUrl, cpu);
    }
}
