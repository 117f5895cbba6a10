using System.Text.Json;
using AtTicket.LoadBench.Calibration;
using AtTicket.LoadBench.Scenarios;

namespace AtTicket.LoadBench.Reporting;

/// <summary>
/// The raw results file (docs/benchmarks/flash-sale.json). A run replaces the parts it measured and
/// keeps the others, so one scenario can be re-run alone; the report is always rendered from this.
/// </summary>
public sealed class BenchResults
{
    public string Benchmark { get; set; } = "flash sale, issue 9";

    public RunInfo? Run { get; set; }

    public DatabaseCalibrationResult? CalibrationDatabase { get; set; }

    public RedisCalibrationResult? CalibrationRedis { get; set; }

    public HttpRate? CalibrationHttp { get; set; }

    /// <summary>The same trivial endpoint on one node without nginx, for reference: what the proxy costs.</summary>
    public HttpRate? CalibrationHttpDirect { get; set; }

    public ProfileResult? Profile { get; set; }

    public SustainedHoldsResult? SustainedHolds { get; set; }

    /// <summary>F1: S1's load against the floor nodes.</summary>
    public SustainedHoldsResult? FloorHolds { get; set; }

    public FanOutResult? LiveFanOut { get; set; }

    public SellOutResult? SellOut { get; set; }

    public ReadsResult? Reads { get; set; }

    /// <summary>The sell-out's confirmation mails: from each booking's commit to the SMTP sink accepting its mail.</summary>
    public MailLagResult? MailLag { get; set; }

    /// <summary>S4: seat-map circuits on one node, memory and render-after-change by how many are open.</summary>
    public CircuitsResult? Circuits { get; set; }

    /// <summary>M1, once per bus (the last run of each): 2,000 one-seat bookings and their confirmation mails.</summary>
    public List<MailThroughputResult>? MailThroughput { get; set; }

    /// <summary>Q1 (issue 13): the waiting room's store with 20,000 members waiting, beside Redis's own primitives.</summary>
    public WaitingLineResult? WaitingLine { get; set; }

    public IReadOnlyList<TargetCheck>? Targets { get; set; }

    public void AddMailThroughput(MailThroughputResult result)
    {
        MailThroughput = [.. (MailThroughput ?? []).Where(m => m.Bus != result.Bus), result];
    }

    public static BenchResults Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<BenchResults>(File.ReadAllText(path), Json.Results) ?? new() : new();

    public void Save(string path)
    {
        Targets = TargetCheck.Evaluate(this);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json.Results) + "\n");
    }
}
