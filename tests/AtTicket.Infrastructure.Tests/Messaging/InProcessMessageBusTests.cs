using System.Collections.Concurrent;
using AtTicket.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtTicket.Infrastructure.Tests.Messaging;

public sealed class InProcessMessageBusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_handler_that_fails_gets_the_same_message_again_and_the_next_only_after_it_succeeded()
    {
        await using var bus = new InProcessMessageBus(TimeProvider.System, NullLogger<InProcessMessageBus>.Instance);
        var seen = new List<(Guid Id, bool Failed)>();
        var secondHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Message("BookingConfirmed");
        var second = Message("BookingCancelled");
        await using var subscription = bus.Subscribe("mail", (message, _) =>
        {
            var fail = message.Id == first.Id && !seen.Any(s => s.Id == first.Id);
            seen.Add((message.Id, fail));
            if (fail)
            {
                throw new InvalidOperationException("The SMTP server is away.");
            }

            if (message.Id == second.Id)
            {
                secondHandled.SetResult();
            }

            return Task.CompletedTask;
        });

        await bus.PublishAsync(first, Ct);
        await bus.PublishAsync(second, Ct);
        await secondHandled.Task.WaitAsync(Ct);

        Assert.Equal([(first.Id, true), (first.Id, false), (second.Id, false)], seen);
    }

    [Fact]
    public async Task Every_subscriber_gets_every_message()
    {
        await using var bus = new InProcessMessageBus(TimeProvider.System, NullLogger<InProcessMessageBus>.Instance);
        var mail = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var audit = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var one = bus.Subscribe("mail", (m, _) => { mail.TrySetResult(m); return Task.CompletedTask; });
        await using var two = bus.Subscribe("audit", (m, _) => { audit.TrySetResult(m); return Task.CompletedTask; });
        var message = Message("ProductOnSale");

        await bus.PublishAsync(message, Ct);

        Assert.Equal(message, await mail.Task.WaitAsync(Ct));
        Assert.Equal(message, await audit.Task.WaitAsync(Ct));
    }

    [Fact]
    public async Task With_several_lanes_another_aggregate_goes_ahead_while_one_waits_and_that_ones_next_message_waits_behind_it()
    {
        const int lanes = 4;
        await using var bus = new InProcessMessageBus(TimeProvider.System, NullLogger<InProcessMessageBus>.Instance);
        var booking = Guid.NewGuid().ToString();
        var other = OtherLaneThan(booking, lanes);
        var (first, second, quick) = (Message("BookingConfirmed", booking), Message("BookingCancelled", booking), Message("BookingConfirmed", other));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var quickHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new ConcurrentQueue<Guid>();
        await using var subscription = bus.Subscribe("mail", async (message, stopping) =>
        {
            if (message.Id == first.Id)
            {
                await release.Task.WaitAsync(stopping);
            }

            seen.Enqueue(message.Id);
            (message.Id == quick.Id ? quickHandled : message.Id == second.Id ? secondHandled : null)?.SetResult();
        }, lanes);

        await bus.PublishAsync(first, Ct);
        await bus.PublishAsync(second, Ct);
        await bus.PublishAsync(quick, Ct);
        await quickHandled.Task.WaitAsync(Ct); // with one lane it would wait behind the first forever

        Assert.Equal([quick.Id], seen);
        release.SetResult();
        await secondHandled.Task.WaitAsync(Ct);
        Assert.Equal([quick.Id, first.Id, second.Id], seen);
    }

    [Fact]
    public async Task With_several_lanes_every_message_is_handled_once_and_each_aggregates_in_the_order_published()
    {
        await using var bus = new InProcessMessageBus(TimeProvider.System, NullLogger<InProcessMessageBus>.Instance);
        var aggregates = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid().ToString()).ToList();
        var messages = Enumerable.Range(0, 1000).Select(i => Message("BookingConfirmed", aggregates[i % aggregates.Count])).ToList();
        var handled = new ConcurrentDictionary<string, ConcurrentQueue<Guid>>();
        var count = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var mostAtOnce = 0;
        await using var subscription = bus.Subscribe("mail", async (message, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            await Task.Yield();
            handled.GetOrAdd(message.AggregateId, _ => new()).Enqueue(message.Id);
            Interlocked.Decrement(ref running);
            if (Interlocked.Increment(ref count) == messages.Count)
            {
                all.SetResult();
            }
        }, lanes: 8);

        await Parallel.ForEachAsync(aggregates, Ct, async (aggregate, ct) =>
        {
            foreach (var message in messages.Where(m => m.AggregateId == aggregate))
            {
                await bus.PublishAsync(message, ct);
            }
        });
        await all.Task.WaitAsync(Ct);

        Assert.Equal(messages.Count, handled.Values.Sum(q => q.Count));
        Assert.All(aggregates, a => Assert.Equal(messages.Where(m => m.AggregateId == a).Select(m => m.Id), handled[a]));
        Assert.InRange(mostAtOnce, 1, 8);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static string OtherLaneThan(string aggregateId, int lanes)
    {
        while (true)
        {
            var candidate = Guid.NewGuid().ToString();
            if (MessageLanes.Of(candidate, lanes) != MessageLanes.Of(aggregateId, lanes))
            {
                return candidate;
            }
        }
    }

    private static BusMessage Message(string type, string? aggregateId = null) => new(Guid.NewGuid(), type, aggregateId ?? Guid.NewGuid().ToString(), "{}", DateTimeOffset.UtcNow);
}
