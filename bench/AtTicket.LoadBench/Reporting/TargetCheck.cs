using System.Globalization;

namespace AtTicket.LoadBench.Reporting;

/// <summary>One of issue 9's targets: what it asks, what was measured, and whether it is met (null: not measured).</summary>
public sealed record TargetCheck(string Scenario, string Target, string Measured, bool? Met)
{
    public static IReadOnlyList<TargetCheck> Evaluate(BenchResults results)
    {
        var checks = new List<TargetCheck>();
        var updates = results.CalibrationDatabase?.BestPerSecond;
        var trivial = results.CalibrationHttp;

        if (results.SustainedHolds is { } s1)
        {
            checks.Add(updates is { } best
                ? new("S1", "successful holds/s ≥ 0.1 × the calibration UPDATE rate", $"{s1.SuccessfulHoldsPerSecond:N1}/s = {Ratio(s1.SuccessfulHoldsPerSecond, best)} × {best:N0}/s", s1.SuccessfulHoldsPerSecond >= 0.1 * best)
                : new("S1", "successful holds/s ≥ 0.1 × the calibration UPDATE rate", $"{s1.SuccessfulHoldsPerSecond:N1}/s (no calibration)", null));
            checks.Add(new("S1", $"hold p99 ≤ 100 ms at {s1.Clients} clients", $"{s1.Holds.P99Ms:N1} ms", s1.Holds.P99Ms <= 100));
        }

        if (results.SellOut is { } s1b)
        {
            checks.Add(new(
                "S1b",
                "1,000+ seats sold out, every correctness counter 0, bookings/s reported",
                (s1b.SoldOutSeconds is { } t ? $"{s1b.Seats:N0} seats in {t:N1} s, {s1b.BookingsPerSecond:N1} bookings/s" : $"not sold out ({s1b.Audit.SeatsSold:N0} of {s1b.Seats:N0})")
                    + (s1b.Problems.Count == 0 ? "; counters 0, money adds up" : "; " + string.Join(" ", s1b.Problems)),
                s1b.Seats >= 1000 && s1b.SoldOutSeconds is not null && s1b.Problems.Count == 0));
        }

        if (results.Reads is { } s2)
        {
            foreach (var (suffix, what, share) in new[] { ("/api/products/", "product detail", 0.3), ("/availability", "availability", 0.3), ("/seats", "seat states", 0.1) })
            {
                var rate = s2.Endpoints.FirstOrDefault(e => suffix.EndsWith('/') ? e.Path.StartsWith(suffix, StringComparison.Ordinal) && e.Path.Length > suffix.Length : e.Path.EndsWith(suffix, StringComparison.Ordinal));
                if (rate is not null)
                {
                    checks.Add(trivial is null
                        ? new("S2", $"{what} ≥ {share} × the trivial endpoint", $"{rate.PerSecond:N0}/s (no calibration)", null)
                        : new("S2", $"{what} ≥ {share} × the trivial endpoint", $"{rate.PerSecond:N0}/s = {rate.RatioTo(trivial).ToString("0.###", CultureInfo.InvariantCulture)} × {trivial.PerSecond:N0}/s", rate.RatioTo(trivial) >= share));
                }
            }
        }

        if (results.LiveFanOut is { } s3)
        {
            var delay = s3.Delays?.FirstOrDefault();
            checks.Add(delay is { Samples: > 0 }
                ? new("S3", "change-to-receive p99 ≤ 100 ms", $"{delay.P99Ms:N1} ms (from the {delay.From})", delay.P99Ms <= 100)
                : new("S3", "change-to-receive p99 ≤ 100 ms", "no delivery could be timed", null));
            checks.Add(new("S3", "delivered/expected = 1.0", s3.DeliveredRatio.ToString("0.####", CultureInfo.InvariantCulture), s3.DeliveredRatio >= 1.0));
        }

        checks.Add(results.Circuits?.Steps.LastOrDefault(s => s.GcHeapMiBPerCircuit is not null) is { } s4
            ? new("S4", "memory per seat-map circuit reported (the target comes later)",
                $"{s4.GcHeapMiBPerCircuit:0.##} MiB heap, {s4.WorkingSetMiBPerCircuit:0.##} MiB resident per circuit at {s4.Circuits:N0}; render p99 over {results.Circuits.BatchingMs:0} + {results.Circuits.LimitMs:0} ms " +
                    (results.Circuits.FirstOverLimit is { } over ? $"from {over:N0} circuits" : "at no step"),
                true)
            : new("S4", "memory per seat-map circuit reported", "not measured yet", null));
        return checks;
    }

    private static string Ratio(double value, double of) => (value / of).ToString("0.####", CultureInfo.InvariantCulture);
}
