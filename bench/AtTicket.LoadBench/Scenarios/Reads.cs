using AtTicket.LoadBench.Calibration;

namespace AtTicket.LoadBench.Scenarios;

public sealed record ReadsResult(IReadOnlyList<HttpRate> Endpoints);

/// <summary>
/// S2: what a flash sale's readers ask for, each under wrk at the same connections as the trivial
/// endpoint of the calibration: the product list, the product detail, the availability and the seat
/// states of the churned performance (every seat available).
/// </summary>
public static class Reads
{
    public static async Task<ReadsResult> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var performance = context.Churned;
        string[] paths =
        [
            "/api/products",
            $"/api/products/{performance.ProductId}",
            $"/api/performances/{performance.PerformanceId}/availability",
            $"/api/performances/{performance.PerformanceId}/seats",
        ];
        var rates = new List<HttpRate>();
        foreach (var path in paths)
        {
            rates.Add(await Wrk.RunAsync(options.NginxUrl, path, options.Connections, options.ReadSeconds));
        }

        Console.WriteLine("S2 reads: " + string.Join(", ", rates.Select(r => $"{r.Path} {r.PerSecond:N0}/s")));
        return new ReadsResult(rates);
    }
}
