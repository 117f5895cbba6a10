using System.Collections.Concurrent;

namespace AtTicket.Web.Hosting.Limits;

/// <summary>The in-process side of <see cref="LimitCounters"/>: expiring counters in this node's memory.</summary>
internal sealed class MemoryLimitCounters(TimeProvider time)
{
    private const int SweepEvery = 4096;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private int _sinceSweep;

    public LimitCount Increment(string key, TimeSpan lifetime, bool sliding)
    {
        var now = time.GetUtcNow();
        SweepNowAndThen(now);
        while (true)
        {
            var counter = _counters.GetOrAdd(key, _ => new Counter());
            lock (counter)
            {
                if (counter.Removed)
                {
                    continue; // swept away between the lookup and the lock: take the new one
                }

                if (counter.ExpiresAt <= now)
                {
                    counter.Value = 0;
                    counter.ExpiresAt = now + lifetime;
                }

                counter.Value++;
                if (sliding)
                {
                    counter.ExpiresAt = now + lifetime;
                }

                return new LimitCount(counter.Value, counter.ExpiresAt - now);
            }
        }
    }

    public LimitCount Read(string key)
    {
        var now = time.GetUtcNow();
        if (_counters.TryGetValue(key, out var counter))
        {
            lock (counter)
            {
                if (counter.ExpiresAt > now)
                {
                    return new LimitCount(counter.Value, counter.ExpiresAt - now);
                }
            }
        }

        return new LimitCount(0, TimeSpan.Zero);
    }

    public void Reset(string key)
    {
        if (_counters.TryRemove(key, out var counter))
        {
            lock (counter)
            {
                counter.Removed = true;
            }
        }
    }

    /// <summary>Expired counters are dropped every few thousand increments, so a flood of one-off keys does not stay.</summary>
    private void SweepNowAndThen(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _sinceSweep) % SweepEvery != 0)
        {
            return;
        }

        foreach (var (key, counter) in _counters)
        {
            lock (counter)
            {
                if (counter.ExpiresAt <= now && !counter.Removed)
                {
                    counter.Removed = true;
                    _counters.TryRemove(new KeyValuePair<string, Counter>(key, counter));
                }
            }
        }
    }

    private sealed class Counter
    {
        public long Value { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public bool Removed { get; set; }
    }
}
