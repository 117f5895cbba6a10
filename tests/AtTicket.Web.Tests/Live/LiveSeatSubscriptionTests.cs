using AtTicket.Domain.Live;
using AtTicket.Infrastructure.Live;
using AtTicket.Web.Live;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Web.Tests.Live.LiveParts;

namespace AtTicket.Web.Tests.Live;

/// <summary>
/// One component's subscription to one performance, on a real feed and a clock the test moves: what the
/// component is asked to apply, and when it is asked to reload.
/// </summary>
public sealed class LiveSeatSubscriptionTests
{
    private const int Performance = 1;
    private static readonly TimeSpan Interval = LiveSeatSubscription.DefaultInterval;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 5, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly SeatFeed _feed;

    public LiveSeatSubscriptionTests() => _feed = Feed(_clock);

    [Fact]
    public async Task Changes_in_order_are_applied_together_once_an_interval_has_passed()
    {
        var screen = new Screen();
        using var live = screen.Subscribe(_feed, _clock, sequence: 0);

        await DeliverAsync(1, 2, 3);
        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Empty(screen.Batches);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await screen.WaitForSequenceAsync(live, 3);
        Assert.Equal([[1L, 2L, 3L]], screen.Batches);
        Assert.Equal(0, screen.Reloads);
    }

    [Fact]
    public async Task A_burst_of_500_changes_is_applied_in_a_few_batches_ending_exactly_on_the_last()
    {
        var screen = new Screen();
        using var live = screen.Subscribe(_feed, _clock, sequence: 0);

        // 500 changes over two and a half intervals, then the last batch's interval.
        var advanced = TimeSpan.Zero;
        for (var sequence = 1; sequence <= 500; sequence++)
        {
            await DeliverAsync(sequence);
            if (sequence % 10 == 0)
            {
                _clock.Advance(Interval / 20);
                advanced += Interval / 20;
            }
        }

        _clock.Advance(Interval);
        advanced += Interval;
        await screen.WaitForSequenceAsync(live, 500);

        var intervals = (int)Math.Ceiling(advanced / Interval);
        Assert.InRange(screen.Batches.Count, 1, 2 * intervals);
        Assert.Equal(Enumerable.Range(1, 500).Select(n => (long)n), screen.Batches.SelectMany(b => b));
        Assert.Equal(1000 - 500, screen.Applied[^1].Grades.Single().Remaining);
        Assert.Equal(0, screen.Reloads);
    }

    [Fact]
    public async Task A_change_that_arrives_early_waits_for_the_one_before_it_within_the_interval()
    {
        var screen = new Screen();
        using var live = screen.Subscribe(_feed, _clock, sequence: 1);

        await DeliverAsync(3);
        _clock.Advance(Interval / 2);
        await DeliverAsync(2);
        _clock.Advance(Interval / 2);

        await screen.WaitForSequenceAsync(live, 3);
        Assert.Equal([[2L, 3L]], screen.Batches);
        Assert.Equal(0, screen.Reloads);
    }

    [Fact]
    public async Task A_gap_that_lasts_an_interval_reloads_once_and_continues_from_the_snapshot()
    {
        var screen = new Screen { NextSnapshot = 7 };
        using var live = screen.Subscribe(_feed, _clock, sequence: 0);

        await DeliverAsync(2, 3); // 1 was lost
        _clock.Advance(Interval);
        await Within.UntilAsync(() => screen.Reloads == 1, () => $"{screen.Reloads} reloads");

        Assert.Equal(7, live.Sequence);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(Interval);
        }

        await DeliverAsync(8);
        _clock.Advance(Interval);
        await screen.WaitForSequenceAsync(live, 8);
        Assert.Equal(1, screen.Reloads);
        Assert.Equal([[8L]], screen.Batches); // 2 and 3 are in the snapshot
    }

    [Fact]
    public async Task Changes_newer_than_the_reloaded_snapshot_are_applied_after_it()
    {
        var screen = new Screen { NextSnapshot = 2 };
        using var live = screen.Subscribe(_feed, _clock, sequence: 0);

        await DeliverAsync(2, 3, 4); // 1 was lost; the snapshot includes up to 2
        _clock.Advance(Interval);
        await Within.UntilAsync(() => screen.Reloads == 1, () => $"{screen.Reloads} reloads");
        _clock.Advance(Interval);

        await screen.WaitForSequenceAsync(live, 4);
        Assert.Equal([[3L, 4L]], screen.Batches);
        Assert.Equal(1, screen.Reloads);
    }

    [Fact]
    public async Task A_resync_of_the_feed_reloads_within_an_interval()
    {
        var screen = new Screen { NextSnapshot = 9 };
        using var live = screen.Subscribe(_feed, _clock, sequence: 5);

        await _feed.ResyncAllAsync();
        Assert.Equal(0, screen.Reloads);
        _clock.Advance(Interval);

        await Within.UntilAsync(() => screen.Reloads == 1, () => $"{screen.Reloads} reloads");
        Assert.Equal(9, live.Sequence);
        Assert.Empty(screen.Batches);
    }

    [Fact]
    public async Task A_reload_that_fails_is_tried_again_at_the_next_round()
    {
        var screen = new Screen { NextSnapshot = 2, FailingReloads = 1 };
        using var live = screen.Subscribe(_feed, _clock, sequence: 500);

        await _feed.ResyncAllAsync(); // Redis came back and counts from 1 again
        _clock.Advance(Interval);
        await Within.UntilAsync(() => screen.Reloads == 1, () => $"{screen.Reloads} reloads");
        await Within.UntilAsync(() => FlushScheduled(live), () => "no retry scheduled after the failed reload");
        _clock.Advance(Interval);

        await Within.UntilAsync(() => screen.Reloads == 2 && live.Sequence == 2, () => $"{screen.Reloads} reloads, at {live.Sequence}");
        await _feed.DeliverAsync(Change(Performance, 3));
        _clock.Advance(Interval);
        await screen.WaitForSequenceAsync(live, 3);
    }

    private static bool FlushScheduled(LiveSeatSubscription live) =>
        (bool)typeof(LiveSeatSubscription).GetField("_flushScheduled", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(live)!;

    [Fact]
    public async Task Changes_at_or_below_the_shown_sequence_are_ignored()
    {
        var screen = new Screen();
        using var live = screen.Subscribe(_feed, _clock, sequence: 10);

        await DeliverAsync(4, 10);
        _clock.Advance(Interval);
        await DeliverAsync(11);
        _clock.Advance(Interval);

        await screen.WaitForSequenceAsync(live, 11);
        Assert.Equal([[11L]], screen.Batches);
        Assert.Equal(0, screen.Reloads);
    }

    [Fact]
    public async Task After_dispose_nothing_is_applied_and_the_feed_forgets_the_subscription()
    {
        var before = _feed.ListenerCount;
        var (screen, witness) = (new Screen(), new Screen());
        var live = screen.Subscribe(_feed, _clock, sequence: 0);
        using var witnessing = witness.Subscribe(_feed, _clock, sequence: 0);
        Assert.Equal(before + 2, _feed.ListenerCount);

        await DeliverAsync(1);
        live.Dispose();
        live.Dispose();
        await DeliverAsync(2);
        await _feed.ResyncAllAsync();
        _clock.Advance(Interval);

        // The witness, subscribed alongside, got its batch (and its reload) at the same moment.
        await Within.UntilAsync(() => witness.Reloads == 1, () => $"the witness reloaded {witness.Reloads} times");
        Assert.Equal(before + 1, _feed.ListenerCount);
        Assert.Empty(screen.Batches);
        Assert.Equal(0, screen.Reloads);
    }

    [Fact]
    public async Task A_resync_or_a_change_that_comes_while_a_batch_is_being_applied_is_not_lost()
    {
        var screen = new Screen { NextSnapshot = 3 };
        var slowApply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.ApplyBlocksOn = slowApply.Task;
        using var live = screen.Subscribe(_feed, _clock, sequence: 0);

        await DeliverAsync(1);
        _clock.Advance(Interval);
        await Within.UntilAsync(() => screen.Batches.Count == 1, () => "the first batch was not applied");
        await _feed.ResyncAllAsync();
        slowApply.SetResult();

        // The flush that was busy schedules the next one; move the clock until it has run.
        await Within.UntilAsync(
            () =>
            {
                _clock.Advance(Interval);
                return screen.Reloads == 1;
            },
            () => "the resync that came during the slow batch never reloaded");
        Assert.Equal(3, live.Sequence);

        var secondApply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.ApplyBlocksOn = secondApply.Task;
        await DeliverAsync(4);
        _clock.Advance(Interval);
        await Within.UntilAsync(() => screen.Batches.Count == 2, () => "the second batch was not applied");
        await DeliverAsync(5);
        screen.ApplyBlocksOn = Task.CompletedTask;
        secondApply.SetResult();

        await Within.UntilAsync(
            () =>
            {
                _clock.Advance(Interval);
                return live.Sequence == 5;
            },
            () => $"the change that came during the slow batch was never applied (at {live.Sequence})");
        Assert.Equal([[1L], [4L], [5L]], screen.Batches);
        Assert.Equal(1, screen.Reloads);
    }

    private async Task DeliverAsync(params long[] sequences)
    {
        foreach (var sequence in sequences)
        {
            await _feed.DeliverAsync(Change(Performance, sequence));
        }
    }

    /// <summary>What a component would show: the batches it was asked to apply, and its reloads.</summary>
    private sealed class Screen
    {
        private readonly Lock _lock = new();
        private readonly List<IReadOnlyList<SeatsChanged>> _batches = [];
        private int _reloads;

        public long NextSnapshot { get; init; }

        public Task ApplyBlocksOn { get; set; } = Task.CompletedTask;

        /// <summary>How many reloads fail (the database away) before one succeeds.</summary>
        public int FailingReloads { get; set; }

        public IReadOnlyList<IReadOnlyList<long>> Batches
        {
            get
            {
                lock (_lock)
                {
                    return [.. _batches.Select(b => (IReadOnlyList<long>)[.. b.Select(c => c.Sequence)])];
                }
            }
        }

        public IReadOnlyList<SeatsChanged> Applied
        {
            get
            {
                lock (_lock)
                {
                    return [.. _batches.SelectMany(b => b)];
                }
            }
        }

        public int Reloads => Volatile.Read(ref _reloads);

        public LiveSeatSubscription Subscribe(SeatFeed feed, TimeProvider clock, long sequence) =>
            new(feed, Performance, sequence, ApplyAsync, ReloadAsync, clock);

        public Task WaitForSequenceAsync(LiveSeatSubscription live, long sequence) =>
            Within.UntilAsync(() => live.Sequence == sequence && Applied.LastOrDefault()?.Sequence == sequence, () => $"at {live.Sequence} after batches {Describe(Batches)}, not {sequence}");

        private Task ApplyAsync(IReadOnlyList<SeatsChanged> batch)
        {
            lock (_lock)
            {
                _batches.Add(batch);
            }

            return ApplyBlocksOn;
        }

        private Task<long> ReloadAsync()
        {
            return Interlocked.Increment(ref _reloads) <= FailingReloads
                ? Task.FromException<long>(new TimeoutException("The database did not answer."))
                : Task.FromResult(NextSnapshot);
        }

        private static string Describe(IReadOnlyList<IReadOnlyList<long>> batches) =>
            string.Join(" ", batches.Select(b => b.Count > 3 ? $"[{b[0]}..{b[^1]}]" : $"[{string.Join(",", b)}]"));
    }
}
