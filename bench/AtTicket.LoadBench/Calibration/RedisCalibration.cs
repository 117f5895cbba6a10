using System.Globalization;
using AtTicket.LoadBench.Measuring;
using StackExchange.Redis;

namespace AtTicket.LoadBench.Calibration;

/// <summary>C0: how many "number the change and publish it" steps per second Redis itself does.</summary>
public sealed record RedisCalibrationResult(string Script, int Connections, double PerSecond, double P50Ms, double P99Ms);

/// <summary>
/// redis-benchmark running EVAL of a script that does INCR and PUBLISH (the atomic step issue 9 asks
/// for), one call per request, no pipelining, with a message the size of a seat change. It publishes
/// on a channel of its own, so no node receives the calibration's messages.
/// </summary>
public static class RedisCalibration
{
    private const string Script = "redis.call('INCR', KEYS[1]) return redis.call('PUBLISH', KEYS[2], ARGV[1])";
    private const int Requests = 200_000;

    public static async Task<RedisCalibrationResult> RunAsync(string redisConnectionString, int connections)
    {
        var (host, port) = ConfigurationOptions.Parse(redisConnectionString).EndPoints.Single() switch
        {
            System.Net.IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            System.Net.DnsEndPoint dns => (dns.Host, dns.Port),
            var other => throw new InvalidOperationException($"Expected host:port in the Redis connection string, got {other}."),
        };
        var message = """{"performanceId":2,"sequence":1,"seats":[{"id":101,"status":"held"},{"id":102,"status":"held"}],"grades":[{"gradeId":5,"remaining":1021}],"publishedAt":"2026-01-01T00:00:00.000000+00:00"}""";
        var output = await ExternalProgram.RunAsync(
            "redis-benchmark",
            [
                "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-n", Requests.ToString(CultureInfo.InvariantCulture), "--csv",
                "EVAL", Script, "2", "atticket:calibration:sequence", "atticket:calibration:channel", message,
            ],
            TimeSpan.FromMinutes(2));

        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        var row = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split("\",\"").Select(v => v.Trim('"')).ToArray())
            .LastOrDefault(cells => cells.Length >= 7 && double.TryParse(cells[1], CultureInfo.InvariantCulture, out _))
            ?? throw new InvalidOperationException($"redis-benchmark printed no CSV result:\n{output}");
        var result = new RedisCalibrationResult(
            "EVAL: INCR sequence; PUBLISH channel message (~200 bytes)",
            connections,
            Math.Round(double.Parse(row[1], CultureInfo.InvariantCulture)),
            double.Parse(row[4], CultureInfo.InvariantCulture),
            double.Parse(row[6], CultureInfo.InvariantCulture));
        Console.WriteLine($"  redis-benchmark, {connections} connections: {result.PerSecond:N0} INCR+PUBLISH/s, p99 {result.P99Ms} ms");
        return result;
    }
}
