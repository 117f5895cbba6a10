using System.Globalization;
using System.Text.RegularExpressions;
using AtTicket.LoadBench.Measuring;
using MySqlConnector;

namespace AtTicket.LoadBench.Calibration;

public sealed record SysbenchRun(int Threads, double PerSecond, double P95Ms);

/// <summary>C0: how many hold-shaped conditional UPDATEs per second the database itself does.</summary>
public sealed record DatabaseCalibrationResult(string Statement, int Seats, IReadOnlyList<SysbenchRun> Runs, double BestPerSecond);

/// <summary>
/// sysbench with bench/sysbench/hold_update.lua (the hold's UPDATE of 1-4 seats, autocommit) at 8 and
/// 64 threads, on a copy of one performance's seat rows in a schema of its own, so the app's data
/// is never touched.
/// </summary>
public static partial class DatabaseCalibration
{
    public const string Schema = "atticket_calibration";

    public static async Task<DatabaseCalibrationResult> RunAsync(string appConnectionString, int performanceId, string repoRoot, int seconds)
    {
        var app = new MySqlConnectionStringBuilder(appConnectionString);
        var seats = await CopySeatsAsync(app, performanceId, Schema);
        var script = Path.Combine(repoRoot, "bench", "sysbench", "hold_update.lua");
        var runs = new List<SysbenchRun>();
        foreach (var threads in new[] { 8, 64 })
        {
            var output = await ExternalProgram.RunAsync(
                "sysbench",
                [
                    script, "--db-driver=mysql", $"--mysql-host={app.Server}", $"--mysql-port={app.Port}",
                    $"--mysql-user={app.UserID}", $"--mysql-password={app.Password}", $"--mysql-db={Schema}",
                    $"--performance-id={performanceId}", $"--threads={threads}", $"--time={seconds}", "--report-interval=0", "run",
                ],
                TimeSpan.FromSeconds(seconds + 60));
            runs.Add(new SysbenchRun(threads, Math.Round(Number(Events(), output) / Number(TotalTime(), output)), Number(P95(), output)));
            Console.WriteLine($"  sysbench, {threads} threads: {runs[^1].PerSecond:N0} UPDATEs/s, p95 {runs[^1].P95Ms} ms");
        }

        return new DatabaseCalibrationResult(
            "UPDATE PerformanceSeats SET Status, HoldId, HeldUntil, BookingId WHERE PerformanceId = ? AND SeatId IN (1-4 ids) AND GradeId IS NOT NULL AND (available OR expired hold)",
            seats,
            runs,
            runs.Max(r => r.PerSecond));
    }

    /// <summary>Copies one performance's seat rows into a table of the same shape in <paramref name="schema"/> (replaced if it exists).</summary>
    public static async Task<int> CopySeatsAsync(MySqlConnectionStringBuilder app, int performanceId, string schema)
    {
        await using var connection = new MySqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            $"""
            CREATE DATABASE IF NOT EXISTS {schema};
            DROP TABLE IF EXISTS {schema}.PerformanceSeats;
            CREATE TABLE {schema}.PerformanceSeats LIKE `{app.Database}`.PerformanceSeats;
            INSERT INTO {schema}.PerformanceSeats SELECT * FROM `{app.Database}`.PerformanceSeats WHERE PerformanceId = @performance;
            SELECT COUNT(*) FROM {schema}.PerformanceSeats;
            """,
            connection);
        command.Parameters.AddWithValue("@performance", performanceId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"sysbench printed no \"{pattern}\":\n{output}");

    [GeneratedRegex(@"total number of events:\s*(\d+)")]
    private static partial Regex Events();

    [GeneratedRegex(@"total time:\s*([\d.]+)s")]
    private static partial Regex TotalTime();

    [GeneratedRegex(@"95th percentile:\s*([\d.]+)")]
    private static partial Regex P95();
}
