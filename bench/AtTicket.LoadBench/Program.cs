using System.Diagnostics;
using AtTicket.LoadBench;
using AtTicket.LoadBench.Calibration;
using AtTicket.LoadBench.Floor;
using AtTicket.LoadBench.Reporting;
using AtTicket.LoadBench.Scenarios;
using AtTicket.LoadBench.Setup;

// The flash-sale load benchmark of issue 9 against running nodes; scripts/bench.sh starts them and
// passes their addresses. Scenarios as arguments (default: all, then the report), e.g.
//   dotnet AtTicket.LoadBench.dll s1 report --nginx http://127.0.0.1:48080 --nodes ... --database ... --redis ...
if (args is ["kafka-mock"])
{
    return await KafkaMockProcess.RunAsync();
}

if (args is ["floor-node", .. var floorArgs])
{
    return await FloorNode.RunAsync(floorArgs);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine(bad.Message);
    return 64;
}

var results = BenchResults.Load(options.Results);
var measured = options.Scenarios.Where(s => s != "report").ToList();
if (measured.Count > 0)
{
    ThreadPool.SetMinThreads(256, 256); // thousands of buyers start at once; do not wait for the pool to grow
    var run = await RunInfo.StartAsync(options);
    using var context = await BenchSetup.RunAsync(options);
    foreach (var scenario in measured)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"==> {scenario}");
        switch (scenario)
        {
            case "c0-db":
                results.CalibrationDatabase = await DatabaseCalibration.RunAsync(options.Database, context.Churned.PerformanceId, options.RepoRoot, options.CalibrationSeconds);
                break;
            case "c0-redis":
                results.CalibrationRedis = await RedisCalibration.RunAsync(options.Redis, options.Connections);
                break;
            case "c0-http":
                results.CalibrationHttp = await Wrk.RunAsync(options.NginxUrl, "/health/live", options.Connections, options.CalibrationSeconds);
                results.CalibrationHttpDirect = await Wrk.RunAsync(options.NodeUrls[0], "/health/live", options.Connections, options.CalibrationSeconds);
                break;
            case "profile":
                results.Profile = await HoldProfile.RunAsync(context);
                break;
            case "s1":
                results.SustainedHolds = await SustainedHolds.RunAsync(context);
                break;
            case "f1":
                results.FloorHolds = await FloorHolds.RunAsync(context);
                break;
            case "s3":
                results.LiveFanOut = await LiveFanOut.RunAsync(context);
                break;
            case "s1b":
                results.SellOut = await SellOut.RunAsync(context);
                break;
            case "s2":
                results.Reads = await Reads.RunAsync(context);
                break;
            case "s4":
                results.Circuits = await SeatMapCircuits.RunAsync(context, run.Commit);
                break;
            case "mail":
                results.MailLag = await MailLag.RunAsync(context, TimeSpan.FromSeconds(options.MailPatienceSeconds));
                break;
            case "q1":
                results.WaitingLine = await WaitingLineLoad.RunAsync(options.Redis, run.Commit) with { Http = await WaitingPagesOverHttp.RunAsync(context) };
                break;
            case "m1":
                results.AddMailThroughput(await MailThroughput.RunAsync(context));
                break;
        }

        results.Run = run.Finish();
        results.Save(options.Results);
        Console.WriteLine($"    {scenario}: {clock.Elapsed.TotalSeconds:0.0} s");
    }
}

if (options.Scenarios.Contains("report"))
{
    MarkdownReport.Write(results, options.Markdown, Path.GetRelativePath(options.RepoRoot, Path.GetFullPath(options.Results)));
    Console.WriteLine($"report: {options.Markdown}");
}

// A sell-out that sold a seat twice or lost money fails the run, after its figures are written.
return results.SellOut is { Problems.Count: > 0 } && measured.Contains("s1b") ? 2 : 0;
