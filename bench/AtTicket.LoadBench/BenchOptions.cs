using System.Globalization;

namespace AtTicket.LoadBench;

/// <summary>
/// The command line: scenario names as bare words, settings as <c>--name value</c>. Every setting has
/// the default of the full benchmark (scripts/bench.sh), so a single scenario can be re-run with only
/// the addresses given.
/// </summary>
public sealed class BenchOptions
{
    public static readonly IReadOnlyList<string> AllScenarios = ["c0-db", "c0-redis", "c0-http", "profile", "s1", "f1", "s3", "s1b", "mail", "m1", "s2", "s4", "q1"];

    private readonly Dictionary<string, string> _values;

    private BenchOptions(List<string> scenarios, Dictionary<string, string> values)
    {
        Scenarios = scenarios;
        _values = values;
    }

    /// <summary>What to run, in the order of <see cref="AllScenarios"/>; "report" only renders the results file.</summary>
    public IReadOnlyList<string> Scenarios { get; }

    public string NginxUrl => Required("nginx").TrimEnd('/');
    public IReadOnlyList<string> NodeUrls => [.. Required("nodes").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => u.TrimEnd('/'))];
    public string Database => Required("database");
    public string Redis => Required("redis");
    public string AdminEmail => Required("admin-email");
    public string AdminPassword => Required("admin-password");
    public string Results => Text("results", "docs/benchmarks/flash-sale.json");
    public string Markdown => Text("markdown", "docs/benchmarks.md");
    public string RepoRoot => Text("repo", Directory.GetCurrentDirectory());

    /// <summary>Processes whose CPU time is measured, e.g. "node-a=123,node-b=456,mariadb=789".</summary>
    public IReadOnlyDictionary<string, int> Pids => PidList("pids");

    private IReadOnlyDictionary<string, int> PidList(string name) =>
        Text(name, string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>F1's floor nodes behind nginx (scripts/bench.sh starts them beside the app's).</summary>
    public string FloorUrl => Required("floor").TrimEnd('/');

    /// <summary>F1's floor nodes, whose CPU is measured in place of the app's nodes, e.g. "floor-a=321,floor-b=654".</summary>
    public IReadOnlyDictionary<string, int> FloorPids => PidList("floor-pids");

    /// <summary>The nodes' settings as the script set them ("Key=Value;..."), recorded with the results.</summary>
    public IReadOnlyDictionary<string, string> NodeSettings =>
        Text("node-settings", string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);

    public int Rows => Int("rows", 32);
    public int SeatsPerRow => Int("seats-per-row", 32);
    public int CalibrationSeconds => Int("c0-seconds", 10);
    public int Connections => Int("connections", 64);
    public int SustainedClients => Int("s1-clients", 200);
    public int SustainedSeconds => Int("s1-seconds", 60);

    /// <summary>S1 and F1: the same load, not measured, before the measured part.</summary>
    public int WarmUpSeconds => Int("warm-up-seconds", 15);
    public int Buyers => Int("buyers", 2000);
    public double PayingShare => Double("pay-share", 0.7);
    public int SellOutTimeoutSeconds => Int("sellout-timeout", 150);
    public int ReadSeconds => Int("s2-seconds", 10);
    public int Subscribers => Int("subscribers", 2000);
    public int FanOutSeconds => Int("s3-seconds", 20);
    public int ProfileHolds => Int("profile-holds", 40);

    /// <summary>S4: how many seat-map circuits are open at each step, in order.</summary>
    public IReadOnlyList<int> CircuitSteps =>
        [.. Text("s4-steps", "0,25,50,100,200,400,800,1600").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))];

    /// <summary>S4: seat changes made and timed at each step (holds and their releases).</summary>
    public int CircuitChanges => Int("s4-changes", 20);

    /// <summary>S4: how many of the open circuits each change is timed in.</summary>
    public int CircuitSample => Int("s4-sample", 20);

    /// <summary>S4: the render-after-change p99, beyond the page's batching interval, whose passing ends the steps.</summary>
    public double CircuitLimitMs => Double("s4-limit-ms", 100);

    /// <summary>
    /// S4: how long the seat map deliberately holds a change back to batch it with others
    /// (AtTicket.Web's LiveSeatSubscription.DefaultInterval); the node's own render time is what comes on top.
    /// </summary>
    public double CircuitBatchingMs => Double("s4-batching-ms", 250);

    /// <summary>S4: render p99 at which no further step is opened (default: the batching interval plus ten times the limit).</summary>
    public double CircuitStopMs => Double("s4-stop-ms", CircuitBatchingMs + (10 * CircuitLimitMs));

    /// <summary>S4: no step is opened that would take node A's resident memory past this (the machine is shared).</summary>
    public double CircuitMemoryBudgetMiB => Double("s4-max-rss-mib", 4096);

    /// <summary>How long the mail scenario waits without one more mail sent before it reports what it has.</summary>
    public int MailPatienceSeconds => Int("mail-patience", 60);

    /// <summary>M1: bookings of one seat each, on performances of their own.</summary>
    public int MailBookings => Int("mail-bookings", 2000);

    /// <summary>M1: buyers booking at the same time (each books, then takes the next seat of the list).</summary>
    public int MailBuyers => Int("mail-buyers", 64);

    /// <summary>M1's calibration: parallel connections to the SMTP sink for its ceiling.</summary>
    public int MailSinkConnections => Int("mail-sink-connections", 8);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var scenarios = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{args[i]} needs a value.");
                }

                values[args[i][2..]] = args[++i];
            }
            else if (args[i] == "report" || AllScenarios.Contains(args[i]))
            {
                scenarios.Add(args[i]);
            }
            else
            {
                throw new ArgumentException($"Unknown scenario \"{args[i]}\"; known: {string.Join(", ", AllScenarios)}, report.");
            }
        }

        if (scenarios.Count == 0)
        {
            scenarios.AddRange(AllScenarios);
            scenarios.Add("report");
        }

        var ordered = AllScenarios.Where(scenarios.Contains).ToList();
        if (scenarios.Contains("report"))
        {
            ordered.Add("report");
        }

        return new BenchOptions(ordered, values);
    }

    private string Required(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required for these scenarios.");

    private string Text(string name, string fallback) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;

    private int Int(string name, int fallback) => _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private double Double(string name, double fallback) => _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
