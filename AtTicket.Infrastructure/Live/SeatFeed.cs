using System.Collections.Concurrent;

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// This node's fan-out of seat changes to its local listeners, by performance. The bus (Redis, or in
/// process without Redis) is the feed's only source: one subscription per node, however many pages
/// are open. A listener that throws is logged and skipped; it never stops delivery to the others.
/// </summary>
public sealed class SeatFeed(LiveMetrics metrics, TimeProvider time, ILogger<SeatFeed> logger)
{
    private const int AllPerformances = 0;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<int, long> _delivered = new();
    private Dictionary<int, ISeatFeedListener[]> _listeners = [];

    public int ListenerCount { get; private set; }

    /// <summary>
    /// The highest sequence of the performance this node has delivered since the bus last
    /// (re)connected, or 0. A listener that subscribes after reading its snapshot compares: higher
    /// than the snapshot's means a change went by before the listener was there to hear it.
    /// </summary>
    public long LastDelivered(int performanceId) => _delivered.GetValueOrDefault(performanceId);

    /// <summary>Listens to one performance until the returned handle is disposed.</summary>
    public IDisposable Subscribe(int performanceId, ISeatFeedListener listener)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(performanceId);
        return Add(performanceId, listener);
    }

    /// <summary>Listens to every performance (the hub bridge).</summary>
    public IDisposable SubscribeAll(ISeatFeedListener listener) => Add(AllPerformances, listener);

    public async Task DeliverAsync(SeatsChanged change)
    {
        metrics.RecordDelivery(time.GetUtcNow() - change.PublishedAt);
        _delivered.AddOrUpdate(change.PerformanceId, change.Sequence, (_, last) => Math.Max(last, change.Sequence));

        // Paired with the barrier in Add: a listener added meanwhile is either among these, or sees
        // this change in LastDelivered.
        Interlocked.MemoryBarrier();
        var listeners = Volatile.Read(ref _listeners);
        foreach (var listener in Concat(listeners.GetValueOrDefault(change.PerformanceId), listeners.GetValueOrDefault(AllPerformances)))
        {
            try
            {
                await listener.OnSeatsChangedAsync(change);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A seat feed listener failed on performance {PerformanceId} change {Sequence}", change.PerformanceId, change.Sequence);
            }
        }
    }

    /// <summary>Whether anyone here listens to this performance (or to every performance).</summary>
    public bool HasListeners(int performanceId)
    {
        var listeners = Volatile.Read(ref _listeners);
        return listeners.ContainsKey(performanceId) || listeners.ContainsKey(AllPerformances);
    }

    /// <summary>
    /// Tells one performance's listeners to reload: this node read the performance again at
    /// <paramref name="sequence"/> (after a gap, a new epoch or a seating change).
    /// </summary>
    public async Task ResyncAsync(int performanceId, long sequence)
    {
        _delivered[performanceId] = sequence;
        var listeners = Volatile.Read(ref _listeners);
        foreach (var listener in Concat(listeners.GetValueOrDefault(performanceId), listeners.GetValueOrDefault(AllPerformances)))
        {
            try
            {
                await listener.OnResyncAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A seat feed listener failed to resynchronise performance {PerformanceId}", performanceId);
            }
        }
    }

    /// <summary>Tells every listener to reload: changes may have been missed while the bus was away.</summary>
    public async Task ResyncAllAsync()
    {
        // A restarted Redis numbers from 1 again, in a new epoch.
        _delivered.Clear();
        foreach (var listener in _listeners.Values.SelectMany(l => l))
        {
            try
            {
                await listener.OnResyncAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A seat feed listener failed to resynchronise");
            }
        }
    }

    private Subscription Add(int key, ISeatFeedListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_lock)
        {
            // Copy on write: delivery reads a snapshot without locking.
            var next = new Dictionary<int, ISeatFeedListener[]>(_listeners);
            next[key] = [.. next.GetValueOrDefault(key) ?? [], listener];
            _listeners = next;
            ListenerCount++;
        }

        Interlocked.MemoryBarrier();
        return new Subscription(this, key, listener);
    }

    private void Remove(int key, ISeatFeedListener listener)
    {
        lock (_lock)
        {
            var index = _listeners.TryGetValue(key, out var current) ? Array.IndexOf(current, listener) : -1;
            if (current is null || index < 0)
            {
                return;
            }

            // Only this subscription's entry: the same listener may be subscribed twice.
            var next = new Dictionary<int, ISeatFeedListener[]>(_listeners);
            ISeatFeedListener[] remaining = [.. current[..index], .. current[(index + 1)..]];
            if (remaining.Length == 0)
            {
                next.Remove(key);
            }
            else
            {
                next[key] = remaining;
            }

            _listeners = next;
            ListenerCount--;
        }
    }

    private static IEnumerable<ISeatFeedListener> Concat(ISeatFeedListener[]? first, ISeatFeedListener[]? second) =>
        (first ?? []).Concat(second ?? []);

    private sealed class Subscription(SeatFeed feed, int key, ISeatFeedListener listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Remove(key, listener);
            }
        }
    }
}
