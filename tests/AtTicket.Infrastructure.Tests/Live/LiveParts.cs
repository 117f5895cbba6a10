using System.Diagnostics.Metrics;
using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtTicket.Infrastructure.Tests.Live;

/// <summary>The live feed's parts, made as the container makes them, without a container.</summary>
internal static class LiveParts
{
    public static LiveMetrics Metrics() => new(new TestMeterFactory());

    public static SeatFeed Feed(TimeProvider? time = null, LiveMetrics? metrics = null) =>
        new(metrics ?? Metrics(), time ?? TimeProvider.System, NullLogger<SeatFeed>.Instance);

    /// <summary>A node's live states over <paramref name="feed"/>, for performances that have no seats (the bus tests number fake ones).</summary>
    public static LiveSeatStates States(SeatFeed feed, Func<ISeatChangeBus> bus) =>
        new(new NoSeats(), new Lazy<ISeatChangeBus>(bus), feed, TimeProvider.System, NullLogger<LiveSeatStates>.Instance);

    /// <summary>An in-process bus with its own feed and live states.</summary>
    public static InProcessSeatChangeBus InProcessBus(SeatFeed feed)
    {
        InProcessSeatChangeBus? bus = null;
        bus = new InProcessSeatChangeBus(States(feed, () => bus!));
        return bus;
    }

    /// <summary>A change of fake seats (version 1) to publish.</summary>
    public static IReadOnlyList<SeatFact> Facts(params int[] seatIds) =>
        [.. (seatIds.Length == 0 ? [1] : seatIds).Select(id => new SeatFact(id, 7, SeatStatus.Held, DateTimeOffset.UtcNow.AddMinutes(5), 1))];

    /// <summary>A performance id no other test run uses, so counters kept in a shared Redis never collide.</summary>
    public static int FreshPerformanceId() => Random.Shared.Next(1_000_000_000, int.MaxValue);

    /// <summary>A change of the given seats, all in <paramref name="status"/>, with one grade's remaining seats.</summary>
    public static SeatsChanged Change(int performanceId, long sequence, DateTimeOffset? publishedAt = null, SeatStatus status = SeatStatus.Held, params int[] seatIds) =>
        new(
            performanceId,
            sequence,
            [.. (seatIds.Length == 0 ? [(int)(sequence % 1000) + 1] : seatIds).Select(id => new SeatStatusChange(id, status))],
            [new GradeRemaining(7, 1000 - (int)(sequence % 1000))],
            publishedAt ?? DateTimeOffset.UtcNow);

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}

/// <summary>A listener that keeps what it was given, for the test to wait on and assert.</summary>
internal sealed class RecordingListener : ISeatFeedListener
{
    private readonly Lock _lock = new();
    private readonly List<SeatsChanged> _changes = [];
    private int _resyncs;

    public IReadOnlyList<SeatsChanged> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    public IReadOnlyList<long> Sequences => [.. Changes.Select(c => c.Sequence)];

    public int Resyncs => Volatile.Read(ref _resyncs);

    public Task OnSeatsChangedAsync(SeatsChanged change)
    {
        lock (_lock)
        {
            _changes.Add(change);
        }

        return Task.CompletedTask;
    }

    public Task OnResyncAsync()
    {
        Interlocked.Increment(ref _resyncs);
        return Task.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> changes arrived; fails after <see cref="Within.Timeout"/>.</summary>
    public async Task<IReadOnlyList<SeatsChanged>> WaitForChangesAsync(int count, string where)
    {
        await Within.UntilAsync(() => Changes.Count >= count, () => $"{where}: {Changes.Count} of {count} changes arrived (sequences {string.Join(",", Sequences.Take(20))}...).");
        return Changes;
    }
}

/// <summary>A listener that fails, synchronously or with a faulted task.</summary>
internal sealed class ThrowingListener(bool synchronously) : ISeatFeedListener
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task OnSeatsChangedAsync(SeatsChanged change) => Fail();

    public Task OnResyncAsync() => Fail();

    private Task Fail()
    {
        Interlocked.Increment(ref _calls);
        return synchronously
            ? throw new InvalidOperationException("This listener's page went away.")
            : Task.FromException(new InvalidOperationException("This listener's page failed to render."));
    }
}

/// <summary>A bus that fails as Redis does when it is down: to publish, and to tell the sequence.</summary>
internal sealed class FailingBus : ISeatChangeBus
{
    public Task<long> PublishAsync(int performanceId, IReadOnlyList<SeatFact> seats, bool reload, DateTimeOffset publishedAt) =>
        Task.FromException<long>(new InvalidOperationException("Redis is down."));

    public Task<LiveSequence> CurrentSequenceAsync(int performanceId) => Task.FromException<LiveSequence>(new InvalidOperationException("Redis is down."));
}

/// <summary>A performance without seats: the bus tests number fake performances.</summary>
internal sealed class NoSeats : ISeatFactSource
{
    public Task<IReadOnlyList<SeatFact>> ReadAllAsync(int performanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SeatFact>>([]);

    public Task<IReadOnlyList<SeatFact>> ReadAsync(int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SeatFact>>([]);
}
