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
/// The announcement after a committed seat change, read from the real database: the seats as they are
/// now and the performance's remaining seats per grade. Each test has a performance of eight seats of
/// grade R of its own.
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
        var announced = await node.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(performance.Id); // the hold announced itself

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

        await node.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(performance.Id, [], Ct);

        Assert.Empty(listener.Changes);
        Assert.Equal(0, await node.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(performance.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failing_bus_never_fails_the_caller(bool failsToNumber)
    {
        var node = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var performance = await OnSaleAsync(node);
        var publisher = Publisher(node, new FailingBus(failsToNumber));

        await publisher.SeatsChangedAsync(performance.Id, [performance.Hall.Seat('A', 1)], Ct);
    }

    [Fact]
    public async Task A_database_that_fails_never_fails_the_caller()
    {
        await using var broken = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Database"] = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing", "atticket.db")}",
        });
        var feed = LiveParts.Feed();
        var listener = new RecordingListener();
        using var subscription = feed.Subscribe(1, listener);

        await Publisher(broken, new InProcessSeatChangeBus(feed)).SeatsChangedAsync(1, [1, 2], Ct);

        Assert.Empty(listener.Changes);
    }

    /// <summary>
    /// Two announcements of one seat overlap: the first is slow to be numbered, the seat changes again,
    /// the second is numbered and sent, then the first gets the next number. Listeners keep the state of
    /// the highest number, so that one must carry the seat's latest state: the number is taken before
    /// the states are read.
    /// </summary>
    [Fact]
    public async Task The_higher_numbered_of_two_overlapping_announcements_carries_the_later_state()
    {
        var node = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var performance = await OnSaleAsync(node);
        var seat = performance.Hall.Seat('B', 1);
        var feed = LiveParts.Feed();
        var bus = new GatedBus(new InProcessSeatChangeBus(feed));
        var publisher = Publisher(node, bus);
        var listener = new RecordingListener();
        using var subscription = feed.Subscribe(performance.Id, listener);

        await HoldAsync(node, performance.Id, [seat], DateTimeOffset.UtcNow.AddMinutes(5));
        var slow = publisher.SeatsChangedAsync(performance.Id, [seat], Ct); // the hold's announcement
        await bus.FirstCallWaiting.Task.WaitAsync(Within.Timeout, Ct);
        await MakeAvailableAsync(node, performance.Id, [seat]);
        await publisher.SeatsChangedAsync(performance.Id, [seat], Ct); // the release's announcement
        bus.Open();
        await slow.WaitAsync(Within.Timeout, Ct);

        var last = listener.Changes.MaxBy(c => c.Sequence)!;
        Assert.Equal([1L, 2L], listener.Sequences.Order());
        Assert.Equal(SeatStatus.Available, Assert.Single(last.Seats).Status);
        Assert.Equal(8, Assert.Single(last.Grades).Remaining);
    }

    private static SeatChangePublisher Publisher(IServiceProvider node, ISeatChangeBus bus) => new(
        node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>(),
        node.GetRequiredService<SeatAvailabilityReader>(),
        bus,
        TimeProvider.System,
        NullLogger<SeatChangePublisher>.Instance);

    /// <summary>The first call for a number waits until the test opens the gate; the others pass.</summary>
    private sealed class GatedBus(ISeatChangeBus inner) : ISeatChangeBus
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public TaskCompletionSource FirstCallWaiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public async Task<long> NextSequenceAsync(int performanceId)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                FirstCallWaiting.TrySetResult();
                await _gate.Task;
            }

            return await inner.NextSequenceAsync(performanceId);
        }

        public Task<long> CurrentSequenceAsync(int performanceId) => inner.CurrentSequenceAsync(performanceId);

        public Task PublishAsync(SeatsChanged change) => inner.PublishAsync(change);
    }
}
