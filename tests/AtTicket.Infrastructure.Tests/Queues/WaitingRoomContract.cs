using AtTicket.Domain.Queues;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Infrastructure.Tests.Queues;

/// <summary>What every waiting-room store must do, run against the in-process one and against real Redis.</summary>
public abstract class WaitingRoomContract
{
    protected static readonly DateTimeOffset Opening = new(2026, 12, 24, 11, 0, 0, TimeSpan.Zero);

    protected readonly FakeTimeProvider Time = new(Opening - TimeSpan.FromMinutes(5));

    /// <summary>A line of its own for each test (the Redis of the test script is shared).</summary>
    protected readonly int Performance = Random.Shared.Next(1_000_000, int.MaxValue);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IWaitingRoom> RoomAsync();

    private static QueueRules Rate(int perMinute) => new(Opening, perMinute, maxShopping: null);

    [Fact]
    public async Task Members_who_come_before_the_opening_are_admitted_in_a_drawn_order_and_later_ones_after_them_first_come_first_served()
    {
        var room = await RoomAsync();
        var rules = new QueueRules(Opening, admitPerMinute: null, maxShopping: 1_000);
        var early = Enumerable.Range(0, 40).Select(i => $"early-{i:00}").ToList();
        foreach (var member in early)
        {
            Assert.Equal(QueueStanding.BeforeOpening, (await room.JoinAsync(Performance, member, rules, Ct)).Standing);
        }

        Time.SetUtcNow(Opening + TimeSpan.FromSeconds(1));
        var late = new[] { "late-1", "late-2", "late-3" };
        foreach (var member in late)
        {
            await room.JoinAsync(Performance, member, rules, Ct);
        }

        var order = new List<(long Ahead, string Member)>();
        foreach (var member in early.Concat(late))
        {
            var place = await room.PlaceAsync(Performance, member, rules, knownEpoch: null, Ct);
            Assert.Equal(QueueStanding.Waiting, place.Standing);
            order.Add((place.Ahead, member));
        }

        var inLine = order.OrderBy(o => o.Ahead).Select(o => o.Member).ToList();
        Assert.Equal(Enumerable.Range(0, 43).Select(i => (long)i), order.Select(o => o.Ahead).Order());
        Assert.Equal(late, inLine[^3..]);
        Assert.Equal(early.Order(), inLine[..40].Order());
        Assert.NotEqual(early, inLine[..40]); // drawn: 40 members in join order by chance is 1 in 40!

        Assert.Equal(43, await room.AdmitAsync(Performance, rules, Ct));
        Assert.True(await room.IsAdmittedAsync(Performance, "late-3", Ct));
    }

    [Fact]
    public async Task A_second_tab_gets_the_same_place_and_leaving_gives_it_up()
    {
        var room = await RoomAsync();
        var rules = Rate(60);
        Time.SetUtcNow(Opening);
        await room.JoinAsync(Performance, "first", rules, Ct);
        var second = await room.JoinAsync(Performance, "second", rules, Ct);
        var again = await room.JoinAsync(Performance, "second", rules, Ct);

        Assert.Equal(1, second.Ahead);
        Assert.Equal(second, again);

        await room.LeaveAsync(Performance, "first", Ct);
        Assert.Equal(0, (await room.PlaceAsync(Performance, "second", rules, second.Epoch, Ct)).Ahead);
        Assert.Equal(QueueStanding.NotInLine, (await room.PlaceAsync(Performance, "first", rules, second.Epoch, Ct)).Standing);
    }

    [Fact]
    public async Task The_rate_admits_one_member_per_interval_and_a_stall_lets_through_at_most_its_catch_up()
    {
        var room = await RoomAsync();
        var rules = Rate(60); // one a second
        Time.SetUtcNow(Opening);
        for (var i = 0; i < 100; i++)
        {
            await room.JoinAsync(Performance, $"m{i:000}", rules, Ct);
        }

        var admitted = 0;
        for (var second = 1; second <= 30; second++)
        {
            Time.SetUtcNow(Opening + TimeSpan.FromSeconds(second) + TimeSpan.FromMilliseconds(500));
            await KeepWaitingPagesAlive(room, rules, 100);
            admitted += await room.AdmitAsync(Performance, rules, Ct);
            Assert.Equal(second, admitted);
        }

        Time.Advance(TimeSpan.FromMinutes(5)); // no node advanced the line meanwhile
        await KeepWaitingPagesAlive(room, rules, 100);
        Assert.Equal((int)QueueRules.MaxCatchUp.TotalSeconds, await room.AdmitAsync(Performance, rules, Ct));
        Assert.Equal(0, await room.AdmitAsync(Performance, rules, Ct));
        var counts = await room.CountAsync(Performance, Ct);
        Assert.Equal((100 - 30 - 10, 40), (counts.Waiting, counts.Shopping));
        Assert.Equal(10.0, counts.Pace?.PerMinute); // the last minute saw only the catch-up
    }

    [Fact]
    public async Task The_wait_is_estimated_from_the_admissions_the_store_counted_in_the_last_minute_and_every_node_sees_the_same()
    {
        var room = await RoomAsync();
        var other = await SecondNodeAsync(room);
        var rules = new QueueRules(Opening, admitPerMinute: null, maxShopping: 1); // no configured rate: only a measurement gives a wait
        Time.SetUtcNow(Opening);
        for (var i = 0; i < 50; i++)
        {
            await room.JoinAsync(Performance, $"m{i:000}", rules, Ct);
        }

        Assert.Null((await room.PlaceAsync(Performance, "m049", rules, null, Ct)).EstimatedWait(rules));

        // A member buys every 4 s, which lets the next one in: 11 admissions in 40 s.
        for (var second = 0; second <= 40; second += 4)
        {
            Time.SetUtcNow(Opening + TimeSpan.FromSeconds(second));
            await KeepWaitingPagesAlive(room, rules, 50);
            if (second > 0)
            {
                await room.FinishAsync(Performance, $"m{second / 4 - 1:000}", Ct);
            }

            Assert.Equal(1, await room.AdmitAsync(Performance, rules, Ct));
        }

        var place = await other.PlaceAsync(Performance, "m049", rules, null, Ct);
        Assert.Equal(38, place.Ahead);
        Assert.Equal(16.5, place.Pace?.PerMinute ?? 0, precision: 6);
        Assert.Equal(39 / 16.5, place.EstimatedWait(rules)?.TotalMinutes ?? 0, precision: 6);
        Assert.Equal(place.Pace, (await other.CountAsync(Performance, Ct)).Pace);

        // Nobody buys for a minute: no admission in the window, so no measured rate (and none configured).
        Time.SetUtcNow(Opening + TimeSpan.FromSeconds(101));
        await KeepWaitingPagesAlive(room, rules, 50);
        Assert.Equal(0, await room.AdmitAsync(Performance, rules, Ct));
        Assert.Null((await other.PlaceAsync(Performance, "m049", rules, null, Ct)).EstimatedWait(rules));
        Assert.Equal(TimeSpan.FromMinutes(39.0 / 120), (await room.PlaceAsync(Performance, "m049", rules, null, Ct)).EstimatedWait(new QueueRules(Opening, 120, 1)));
    }

    [Fact]
    public async Task The_cap_admits_only_as_many_as_are_not_shopping_and_a_finished_or_ended_admission_frees_a_place()
    {
        var room = await RoomAsync();
        var rules = new QueueRules(Opening, admitPerMinute: null, maxShopping: 3, shoppingWindow: TimeSpan.FromMinutes(10));
        Time.SetUtcNow(Opening);
        foreach (var member in new[] { "a", "b", "c", "d", "e" })
        {
            await room.JoinAsync(Performance, member, rules, Ct);
        }

        Assert.Equal(3, await room.AdmitAsync(Performance, rules, Ct));
        Assert.Equal(0, await room.AdmitAsync(Performance, rules, Ct));
        var admitted = await room.PlaceAsync(Performance, "a", rules, null, Ct);
        Assert.Equal(QueueStanding.Admitted, admitted.Standing);
        Assert.Equal(Opening + TimeSpan.FromMinutes(10), admitted.AdmittedUntil);

        await room.FinishAsync(Performance, "a", Ct);
        Assert.False(await room.IsAdmittedAsync(Performance, "a", Ct));
        Assert.Equal(1, await room.AdmitAsync(Performance, rules, Ct));
        Assert.True(await room.IsAdmittedAsync(Performance, "d", Ct));

        Time.Advance(TimeSpan.FromMinutes(1));
        await KeepWaitingPagesAlive(room, rules, "e");
        Time.Advance(TimeSpan.FromMinutes(9)); // the windows of b, c and d end
        await KeepWaitingPagesAlive(room, rules, "e");
        Assert.False(await room.IsAdmittedAsync(Performance, "b", Ct));
        Assert.Equal(1, await room.AdmitAsync(Performance, rules, Ct));
        Assert.True(await room.IsAdmittedAsync(Performance, "e", Ct));
        Assert.Equal(QueueStanding.Waiting, (await room.JoinAsync(Performance, "b", rules, Ct)).Standing); // back at the end
    }

    [Fact]
    public async Task A_member_whose_page_stopped_asking_for_longer_than_the_grace_loses_the_turn_to_the_next()
    {
        var room = await RoomAsync();
        var rules = new QueueRules(Opening, admitPerMinute: null, maxShopping: 1, grace: TimeSpan.FromMinutes(1));
        Time.SetUtcNow(Opening);
        await room.JoinAsync(Performance, "gone", rules, Ct);
        await room.JoinAsync(Performance, "here", rules, Ct);

        Time.Advance(TimeSpan.FromSeconds(90));
        await room.PlaceAsync(Performance, "here", rules, null, Ct);

        Assert.Equal(1, await room.AdmitAsync(Performance, rules, Ct));
        Assert.True(await room.IsAdmittedAsync(Performance, "here", Ct));
        Assert.False(await room.IsAdmittedAsync(Performance, "gone", Ct));
        Assert.Equal(QueueStanding.NotInLine, (await room.PlaceAsync(Performance, "gone", rules, null, Ct)).Standing);
    }

    [Fact]
    public async Task A_paused_line_admits_nobody_and_saves_up_nothing_for_its_resumption()
    {
        var room = await RoomAsync();
        var rules = Rate(60);
        var paused = new QueueRules(Opening, 60, null, paused: true);
        Time.SetUtcNow(Opening);
        for (var i = 0; i < 20; i++)
        {
            await room.JoinAsync(Performance, $"m{i:00}", rules, Ct);
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await room.AdmitAsync(Performance, paused, Ct));
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await room.AdmitAsync(Performance, paused, Ct));

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await room.AdmitAsync(Performance, rules, Ct));
    }

    [Fact]
    public async Task Members_joining_and_nodes_admitting_in_parallel_get_distinct_places_and_nobody_is_admitted_twice_or_past_the_cap()
    {
        var room = await RoomAsync();
        var other = await SecondNodeAsync(room);
        var rules = new QueueRules(Opening, admitPerMinute: null, maxShopping: 50);
        Time.SetUtcNow(Opening);

        var places = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? room : other).JoinAsync(Performance, $"m{i:000}", rules, Ct))));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), places.Select(p => p.Ahead).Order());

        var admissions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? room : other).AdmitAsync(Performance, rules, Ct))));
        Assert.Equal(50, admissions.Sum());
        var admittedMembers = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            if (await other.IsAdmittedAsync(Performance, $"m{i:000}", Ct))
            {
                admittedMembers.Add($"m{i:000}");
            }
        }

        var firstFifty = places.Select((p, i) => (p.Ahead, Member: $"m{i:000}")).Where(p => p.Ahead < 50).Select(p => p.Member).Order();
        Assert.Equal(firstFifty, admittedMembers);
        var counts = await room.CountAsync(Performance, Ct);
        Assert.Equal((150, 50), (counts.Waiting, counts.Shopping));
    }

    /// <summary>Another node's view of the same waiting room (the in-process store has only one node).</summary>
    protected virtual Task<IWaitingRoom> SecondNodeAsync(IWaitingRoom first) => Task.FromResult(first);

    private async Task KeepWaitingPagesAlive(IWaitingRoom room, QueueRules rules, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await room.PlaceAsync(Performance, $"m{i:000}", rules, null, Ct);
        }
    }

    private async Task KeepWaitingPagesAlive(IWaitingRoom room, QueueRules rules, string member) =>
        await room.PlaceAsync(Performance, member, rules, null, Ct);
}
