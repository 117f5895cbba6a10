using System.Globalization;
using System.Text.RegularExpressions;
using AtTicket.LoadBench.Measuring;

namespace AtTicket.LoadBench.Calibration;

/// <summary>One endpoint under wrk: requests per second, latency percentiles, and what went wrong.</summary>
public sealed record HttpRate(string Path, int Connections, int Seconds, double PerSecond, double P50Ms, double P99Ms, long NotOk, long SocketErrors)
{
    /// <summary>This rate as a share of <paramref name="trivial"/>'s, e.g. 0.02.</summary>
    public double RatioTo(HttpRate trivial) => trivial.PerSecond > 0 ? Math.Round(PerSecond / trivial.PerSecond, 3) : 0;
}

/// <summary>wrk (two threads, keep-alive connections) against one URL through nginx.</summary>
public static partial class Wrk
{
    public static async Task<HttpRate> RunAsync(string baseUrl, string path, int connections, int seconds)
    {
        var output = await ExternalProgram.RunAsync(
            "wrk",
            ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "--latency", baseUrl + path],
            TimeSpan.FromSeconds(seconds + 60));
        var rate = new HttpRate(
            path,
            connections,
            seconds,
            Math.Round(double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture)),
            Latency(output, "50%"),
            Latency(output, "99%"),
            NonOk().Match(output) is { Success: true } notOk ? long.Parse(notOk.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            SocketErrors().Match(output) is { Success: true } errors
                ? errors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
                : 0);
        Console.WriteLine($"  wrk {path}: {rate.PerSecond:N0} req/s, p50 {rate.P50Ms} ms, p99 {rate.P99Ms} ms{(rate.NotOk + rate.SocketErrors > 0 ? $", {rate.NotOk} not 2xx/3xx, {rate.SocketErrors} socket errors" : null)}");
        return rate;
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk printed no {percentile} latency:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return Math.Round(match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value }, 2);
    }

    [GeneratedRegex(@"Requests/sec:\s*([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s*(\d+)")]
    private static partial Regex NonOk();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
