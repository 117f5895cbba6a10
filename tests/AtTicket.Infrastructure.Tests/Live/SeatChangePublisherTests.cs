using AtTicket.Domain.Bookings;
using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Live;

/// <summary>
/// The announcement after a committed seat change, read from the real database, as the node's listeners
/// hear it: the seats as they are now and the performance's remaining seats per grade, worked out by the
/// node's live state. Each test has a performance of eight seats of grade R of its own.
/// </summary>
public sealed class SeatChangePublisherTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Held_seats_are_announced_held_with_their_grades_remaining_seats_lowered(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (a1, a2) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));
        var held = await node.GetRequiredService<HoldService>().HoldSeatsAsync(await MemberAsync(node), performance.Id, [a2, a1], Ct);
        Assert.NotNull(held.Hold);
        var listener = new RecordingListener();
        using var subscription = node.GetRequiredService<SeatFeed>().Subscribe(performance.Id, listener);
        var before = DateTimeOffset.UtcNow;
        var announced = (await node.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(performance.Id)).Sequence; // the hold announced itself

        await node.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(performance.Id, [a2, a1], Ct);

        var change = Assert.Single(listener.Changes);
        Assert.Equal((performance.Id, announced + 1), (change.PerformanceId, change.Sequence));
        Assert.Equal([new SeatStatusChange(a1, SeatStatus.Held), new SeatStatusChange(a2, SeatStatus.Held)], change.Seats);
        Assert.Equal([new GradeRemaining(performance.GradeId, 6)], change.Grades);
        Assert.InRange(change.PublishedAt, before, DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Each_seat_is_announced_in_the_state_it_is_in_now_and_an_expired_hold_as_available(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (held, expired, sold, free) = (performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2), performance.Hall.Seat('A', 3), performance.Hall.Seat('A', 4));
        await HoldAsync(node, performance.Id, [held], DateTimeOffset.UtcNow.AddMinutes(5));
        await HoldAsync(node, performance.Id, [expired], DateTimeOffset.UtcNow.AddSeconds(-1));
        await SellAsync(node, performance.Id, [sold]);
        var listener = new RecordingListener();
        using var subscription = node.GetRequiredService<SeatFeed>().Subscribe(performance.Id, listener);

        await node.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(performance.Id, [free, sold, expired, held, held], Ct);

        var change = Assert.Single(listener.Changes);
        Assert.Equal(
            [(held, SeatStatus.Held), (expired, SeatStatus.Available), (sold, SeatStatus.Sold), (free, SeatStatus.Available)],
            change.Seats.Select(s => (s.SeatId, s.Status)));
        Assert.Equal([new GradeRemaining(performance.GradeId, 6)], change.Grades);
    }

    [Fact]
    public async Task No_seats_announce_nothing_and_use_no_number()
    {
        var node = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var performance = await OnSaleAsync(node);
        var listener = new RecordingListener();
        using var subscription = node.GetRequiredService<SeatFeed>().Subscribe(performance.Id, listener);

        await node.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(performance.Id, Array.Empty<int>(), Ct);

        Assert.Empty(listener.Changes);
        Assert.Equal(0, (await node.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(performance.Id)).Sequence);
    }

    [Fact]
    public async Task A_failing_bus_never_fails_the_caller()
    {
        var node = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var performance = await OnSaleAsync(node);
        var publisher = Publisher(node, new FailingBus());
        var seat = performance.Hall.Seat('A', 1);

        await publisher.SeatsChangedAsync(performance.Id, [seat], Ct);
        await publisher.SeatsChangedAsync(performance.Id, [new SeatFact(seat, performance.GradeId, SeatStatus.Held, DateTimeOffset.UtcNow.AddMinutes(5), 1)], Ct);
        await publisher.SeatingChangedAsync(performance.Id, Ct);
    }

    [Fact]
    public async Task A_database_that_fails_never_fails_the_caller()
    {
        await using var broken = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Database"] = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing", "atticket.db")}",
        });
        var bus = new GatedBus(new FailingBus());

        await Publisher(broken, bus).SeatsChangedAsync(1, [1, 2], Ct);

        Assert.Equal(0, bus.Calls);
    }

    /// <summary>
    /// Two announcements of one seat overlap: the hold's is slow to be published, the seat is released
    /// and that is announced first, then the hold's arrives with the higher number. Numbers order the
    /// messages, not the facts in them: the node keeps each seat's highest version, so listeners end on
    /// the seat's latest state.
    /// </summary>
    [Fact]
    public async Task A_late_announcement_of_an_older_state_does_not_overwrite_the_newer_one()
    {
        var node = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var performance = await OnSaleAsync(node);
        var seat = performance.Hall.Seat('B', 1);
        var bus = new GatedBus(node.GetRequiredService<ISeatChangeBus>());
        var publisher = Publisher(node, bus);
        var listener = new RecordingListener();
        using var subscription = node.GetRequiredService<SeatFeed>().Subscribe(performance.Id, listener);

        await HoldAsync(node, performance.Id, [seat], DateTimeOffset.UtcNow.AddMinutes(5));
        var slow = publisher.SeatsChangedAsync(performance.Id, [seat], Ct); // the hold's announcement
        await bus.FirstCallWaiting.Task.WaitAsync(Within.Timeout, Ct);
        await MakeAvailableAsync(node, performance.Id, [seat]);
        await publisher.SeatsChangedAsync(performance.Id, [seat], Ct); // the release's announcement
        bus.Open();
        await slow.WaitAsync(Within.Timeout, Ct);

        Assert.Equal(2, listener.Changes.Count);
        var last = listener.Changes.MaxBy(c => c.Sequence)!;
        Assert.Equal(listener.Changes.Min(c => c.Sequence) + 1, last.Sequence);
        Assert.Equal(SeatStatus.Available, Assert.Single(last.Seats).Status);
        Assert.Equal(8, Assert.Single(last.Grades).Remaining);
        Assert.Equal(SeatStatus.Available, (await node.GetRequiredService<LiveSnapshotReader>().ReadAsync(performance.Id, Ct)).Seats.Single(s => s.SeatId == seat).Status);
    }

    private static SeatChangePublisher Publisher(IServiceProvider node, ISeatChangeBus bus) => new(
        node.GetRequiredService<ISeatFactSource>(),
        bus,
        TimeProvider.System,
        NullLogger<SeatChangePublisher>.Instance);

    /// <summary>The first publish waits until the test opens the gate; the others pass.</summary>
    private sealed class GatedBus(ISeatChangeBus inner) : ISeatChangeBus
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public TaskCompletionSource FirstCallWaiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public void Open() => _gate.TrySetResult();

        public async Task<long> PublishAsync(int performanceId, IReadOnlyList<SeatFact> seats, bool reload, DateTimeOffset publishedAt)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                FirstCallWaiting.TrySetResult();
                await _gate.Task;
            }

            return await inner.PublishAsync(performanceId, seats, reload, publishedAt);
        }

        public Task<LiveSequence> CurrentSequenceAsync(int performanceId) => inner.CurrentSequenceAsync(performanceId);
    }
}
