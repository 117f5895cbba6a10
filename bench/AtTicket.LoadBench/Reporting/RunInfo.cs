using System.Globalization;
using System.Runtime.InteropServices;
using AtTicket.LoadBench.Measuring;
using MySqlConnector;

namespace AtTicket.LoadBench.Reporting;

public sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string LoadAverageBefore, string? LoadAverageAfter);

/// <summary>When, where and with what the benchmark ran.</summary>
public sealed record RunInfo(
    string Commit,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    MachineInfo Machine,
    IReadOnlyDictionary<string, string> Versions,
    IReadOnlyDictionary<string, string> Settings)
{
    public static async Task<RunInfo> StartAsync(BenchOptions options)
    {
        var versions = new Dictionary<string, string>
        {
            [".NET runtime"] = RuntimeInformation.FrameworkDescription,
            [".NET SDK"] = await ExternalProgram.VersionAsync("dotnet", "--version"),
            ["MariaDB"] = await ServerVersionAsync(options.Database),
            ["Redis"] = (await ExternalProgram.VersionAsync("redis-server", "--version")).Split(' ').FirstOrDefault(w => w.StartsWith("v=", StringComparison.Ordinal))?[2..] ?? "?",
            ["nginx"] = (await ExternalProgram.VersionAsync("nginx", "-v")).Replace("nginx version: ", string.Empty, StringComparison.Ordinal),
            ["sysbench"] = (await ExternalProgram.VersionAsync("sysbench", "--version")).Replace("sysbench ", string.Empty, StringComparison.Ordinal),
            ["wrk"] = (await ExternalProgram.VersionAsync("wrk", "-v")).Split(" Copyright")[0].Replace("wrk ", string.Empty, StringComparison.Ordinal),
        };
        var settings = new Dictionary<string, string>(options.NodeSettings)
        {
            ["hall"] = $"{options.Rows} rows × {options.SeatsPerRow} seats = {options.Rows * options.SeatsPerRow:N0} seats, 4 grades by row",
            ["S1"] = $"{options.SustainedClients} clients, {options.SustainedSeconds} s after {options.WarmUpSeconds} s of the same load unmeasured",
            ["S1b"] = $"{options.Buyers:N0} buyers, {options.PayingShare:P0} pay, the rest release",
            ["S2 and C0 HTTP"] = $"wrk, 2 threads, {options.Connections} connections, {options.ReadSeconds} s (C0: {options.CalibrationSeconds} s)",
            ["S3"] = $"{options.Subscribers:N0} hub subscribers, S1's load for {options.FanOutSeconds} s",
        };
        return new RunInfo(await CommitAsync(options.RepoRoot), DateTimeOffset.UtcNow, null, await MachineAsync(), versions, settings);
    }

    public RunInfo Finish() => this with { FinishedAt = DateTimeOffset.UtcNow, Machine = Machine with { LoadAverageAfter = LoadAverage() } };

    private static async Task<MachineInfo> MachineAsync()
    {
        var lscpu = await ExternalProgram.RunAsync("lscpu", [], TimeSpan.FromSeconds(10), requireSuccess: false);
        var model = lscpu.Split('\n').FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = double.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new MachineInfo(Environment.ProcessorCount, model, Math.Round(kib / 1024 / 1024, 1), LoadAverage(), null);
    }

    /// <summary>The 1, 5 and 15 minute load averages, e.g. "0.52 0.97 0.51".</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task<string> CommitAsync(string repoRoot)
    {
        var commit = (await ExternalProgram.RunAsync("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"], TimeSpan.FromSeconds(10), requireSuccess: false)).Trim();
        var dirty = await ExternalProgram.RunAsync("git", ["-C", repoRoot, "status", "--porcelain", "--untracked-files=no"], TimeSpan.FromSeconds(10), requireSuccess: false);
        return dirty.Trim().Length > 0 ? commit + " (with uncommitted changes)" : commit;
    }

    private static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        // MariaDB announces itself as "5.5.5-10.11.x-MariaDB…" for old MySQL clients.
        return connection.ServerVersion.Replace("5.5.5-", string.Empty, StringComparison.Ordinal);
    }
}
