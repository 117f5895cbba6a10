using System.Diagnostics.Metrics;

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// The live feed's numbers: listeners on this node, and how long a change took from publishing (on
/// any node) to delivery here. Exported as the "AtTicket.Live" meter; the last deliveries are also
/// kept for tests and benchmarks to read percentiles from.
/// </summary>
public sealed class LiveMetrics : IDisposable
{
    public const string MeterName = "AtTicket.Live";
    private const int Kept = 4096;

    private readonly Meter _meter;
    private readonly Histogram<double> _latency;
    private readonly Lock _lock = new();
    private readonly double[] _recent = new double[Kept];
    private long _delivered;

    public LiveMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _latency = _meter.CreateHistogram<double>("atticket.live.deliver_latency", "ms", "Time from publishing a seat change to delivering it on this node");
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Reports this node's listener count as the "atticket.live.listeners" gauge.</summary>
    public void ObserveListeners(Func<int> count) =>
        _meter.CreateObservableGauge("atticket.live.listeners", count, "{listener}", "Pages and hub bridges listening to the seat feed on this node");

    internal void RecordDelivery(TimeSpan latency)
    {
        var milliseconds = Math.Max(0, latency.TotalMilliseconds);
        _latency.Record(milliseconds);
        lock (_lock)
        {
            _recent[_delivered % Kept] = milliseconds;
            _delivered++;
        }
    }

    /// <summary>The given percentile (0..100) of the last deliveries' latency in milliseconds; null before any.</summary>
    public double? LatencyPercentile(double percentile)
    {
        double[] sample;
        lock (_lock)
        {
            sample = [.. _recent.Take((int)Math.Min(_delivered, Kept))];
        }

        if (sample.Length == 0)
        {
            return null;
        }

        Array.Sort(sample);
        var index = (int)Math.Ceiling(percentile / 100 * sample.Length) - 1;
        return sample[Math.Clamp(index, 0, sample.Length - 1)];
    }

    public void Dispose() => _meter.Dispose();
}
