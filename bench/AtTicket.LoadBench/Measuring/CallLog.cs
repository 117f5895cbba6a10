namespace AtTicket.LoadBench.Measuring;

/// <summary>One kind of call (hold, release, booking…): every answer's status and latency, from many buyers at once.</summary>
public sealed class CallLog
{
    /// <summary>The status recorded when no HTTP answer came (timeout, connection reset).</summary>
    public const int NoAnswer = 0;

    private readonly Lock _lock = new();
    private readonly List<double> _milliseconds = [];
    private readonly Dictionary<int, int> _statuses = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _milliseconds.Count;
            }
        }
    }

    public int CountOf(int status)
    {
        lock (_lock)
        {
            return _statuses.GetValueOrDefault(status);
        }
    }

    public void Add(int status, double milliseconds)
    {
        lock (_lock)
        {
            _milliseconds.Add(milliseconds);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        }
    }

    public CallStats Summarize(double seconds)
    {
        lock (_lock)
        {
            var sorted = _milliseconds.Order().ToArray();
            return new CallStats(
                sorted.Length,
                seconds > 0 ? Math.Round(sorted.Length / seconds, 1) : 0,
                Percentile.Of(sorted, 50),
                Percentile.Of(sorted, 95),
                Percentile.Of(sorted, 99),
                sorted.Length > 0 ? Math.Round(sorted[^1], 1) : 0,
                _statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key == NoAnswer ? "none" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value));
        }
    }
}

/// <summary>A call kind's figures: how many, how fast, and what the server answered ("none" = no answer).</summary>
public sealed record CallStats(int Calls, double PerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<string, int> Statuses);

public static class Percentile
{
    /// <summary>Nearest-rank percentile of ascending values, rounded to 0.1; 0 for none.</summary>
    public static double Of(IReadOnlyList<double> ascending, double percent)
    {
        if (ascending.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * ascending.Count);
        return Math.Round(ascending[Math.Clamp(rank - 1, 0, ascending.Count - 1)], 1);
    }
}
