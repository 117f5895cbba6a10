using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AtTicket.Infrastructure.Messaging;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtTicket.Infrastructure.Tests.Messaging;

/// <summary>The Kafka bus over the wire, against librdkafka's mock cluster.</summary>
public sealed class KafkaBusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Published_messages_reach_the_group_with_key_headers_and_topic_and_a_handled_message_is_committed()
    {
        using var cluster = new KafkaMockCluster();
        using var bus = Bus(cluster.BootstrapServers);
        var group = $"mail-{Guid.NewGuid():N}";
        // One aggregate: one partition, so the order is kept and an offset commit covers what came before.
        var aggregate = Guid.NewGuid().ToString();
        var first = Message("BookingConfirmed", aggregate);
        var second = Message("BookingConfirmed", aggregate);
        await bus.PublishAsync(first, Ct);
        await bus.PublishAsync(second, Ct);

        // The first member handles both: the first is committed before the second is read.
        var seenByFirst = new ConcurrentQueue<BusMessage>();
        var secondSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await RunUntilAsync(cluster, group, (m, _) =>
        {
            seenByFirst.Enqueue(m);
            if (m.Id == second.Id)
            {
                secondSeen.TrySetResult();
            }

            return Task.CompletedTask;
        }, secondSeen.Task);

        Assert.Equal([first, second], seenByFirst);

        // A later member of the group starts after the committed offset.
        var third = Message("BookingConfirmed", aggregate);
        await bus.PublishAsync(third, Ct);
        var seenByNext = new ConcurrentQueue<Guid>();
        var thirdSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await RunUntilAsync(cluster, group, (m, _) =>
        {
            seenByNext.Enqueue(m.Id);
            if (m.Id == third.Id)
            {
                thirdSeen.TrySetResult();
            }

            return Task.CompletedTask;
        }, thirdSeen.Task);

        Assert.DoesNotContain(first.Id, seenByNext);
        Assert.Equal(third.Id, seenByNext.Last());
    }

    [Fact]
    public async Task Members_that_start_on_a_fresh_cluster_create_their_topics_and_get_every_message_published_afterwards()
    {
        // Two nodes' mail workers up before the first booking. Subscribed to topics that do not exist
        // yet, a group sees each only at a metadata refresh (five minutes by default) and rebalances
        // whenever another one appears; so the members make them before they subscribe.
        using var cluster = new KafkaMockCluster();
        using var bus = Bus(cluster.BootstrapServers);
        var group = $"mail-{Guid.NewGuid():N}";
        string[] types = ["BookingConfirmed", "BookingCancelled", "ProductOnSale", "AccountMail"];
        var messages = types.SelectMany(type => Enumerable.Range(0, 5).Select(_ => Message(type))).ToList();
        var seen = new ConcurrentDictionary<Guid, bool>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task Handle(BusMessage m, CancellationToken _)
        {
            seen[m.Id] = true;
            if (messages.All(x => seen.ContainsKey(x.Id)))
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var members = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() => new KafkaConsumer(ShortSession(cluster.Consumer(group)), TimeProvider.System, NullLogger.Instance).RunAsync(types, Handle, stopping.Token, lanes: 4), Ct))
            .ToList();
        await cluster.WaitUntilTopicsExistAsync(types.Select(KafkaTopics.For), Ct);
        foreach (var message in messages)
        {
            await bus.PublishAsync(message, Ct);
        }

        await Task.WhenAny(all.Task, Task.WhenAll(members)).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await stopping.CancelAsync();
        await Task.WhenAll(members);
        Assert.Equal(messages.Select(m => m.Id).Order(), seen.Keys.Order());
    }

    [Fact]
    public async Task A_consumer_that_dies_before_its_commit_leaves_the_message_to_the_next_member_of_the_group()
    {
        using var cluster = new KafkaMockCluster();
        using var bus = Bus(cluster.BootstrapServers);
        var group = $"mail-{Guid.NewGuid():N}";
        var message = Message("BookingCancelled");
        await bus.PublishAsync(message, Ct);

        var reachedHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await RunUntilAsync(cluster, group, async (m, stopping) =>
        {
            reachedHandler.TrySetResult();
            await Task.Delay(Timeout.Infinite, stopping); // dies mid-handling: stopped before it could commit
        }, reachedHandler.Task, QuickToRebalance(cluster.Consumer(group)));

        var again = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await RunUntilAsync(cluster, group, (m, _) =>
        {
            again.TrySetResult(m);
            return Task.CompletedTask;
        }, again.Task);

        Assert.Equal((message.Id, message.Type, message.AggregateId), ((await again.Task).Id, (await again.Task).Type, (await again.Task).AggregateId));
    }

    [Fact]
    public async Task A_member_whose_partition_was_taken_while_it_handled_keeps_running_and_the_new_owner_gets_the_message()
    {
        using var cluster = new KafkaMockCluster();
        using var bus = Bus(cluster.BootstrapServers);
        var group = $"mail-{Guid.NewGuid():N}";
        var message = Message("BookingConfirmed");
        await bus.PublishAsync(message, Ct);

        // The slow member leaves the group once its handler outlasts max.poll.interval.ms; it is
        // released only after the next member got the message, so its commit comes too late.
        var slowConfig = QuickToRebalance(cluster.Consumer(group));
        var slowHasIt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nextHasIt = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopSlow = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var slow = Task.Run(() => new KafkaConsumer(slowConfig, TimeProvider.System, NullLogger.Instance).RunAsync(["BookingConfirmed"], async (m, _) =>
        {
            slowHasIt.TrySetResult();
            await nextHasIt.Task;
        }, stopSlow.Token), Ct);
        await slowHasIt.Task.WaitAsync(Ct);

        await RunUntilAsync(cluster, group, (m, _) =>
        {
            nextHasIt.TrySetResult(m);
            return Task.CompletedTask;
        }, nextHasIt.Task, QuickToRebalance(cluster.Consumer(group)));

        Assert.Equal(message.Id, (await nextHasIt.Task).Id);
        await stopSlow.CancelAsync();
        await slow; // the late commit failed meanwhile: the member ends cleanly when stopped, not with that failure
    }

    [Fact]
    public async Task A_member_with_several_lanes_handles_every_message_keeps_each_keys_order_and_commits_all_once_handled()
    {
        using var cluster = new KafkaMockCluster();
        using var bus = Bus(cluster.BootstrapServers);
        var group = $"mail-{Guid.NewGuid():N}";
        var keys = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid().ToString()).ToList();
        var messages = Enumerable.Range(0, 40).Select(i => Message("BookingConfirmed", keys[i % keys.Count])).ToList();
        await Task.WhenAll(messages.Select(m => bus.PublishAsync(m, Ct)));
        var handled = new ConcurrentDictionary<string, ConcurrentQueue<Guid>>();
        var count = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await RunUntilAsync(cluster, group, async (m, _) =>
        {
            await Task.Yield();
            handled.GetOrAdd(m.AggregateId, _ => new()).Enqueue(m.Id);
            if (Interlocked.Increment(ref count) == messages.Count)
            {
                all.TrySetResult();
            }
        }, all.Task, lanes: 4);

        Assert.Equal(messages.Count, handled.Values.Sum(q => q.Count));
        Assert.All(keys, k => Assert.Equal(messages.Where(m => m.AggregateId == k).Select(m => m.Id), handled[k]));
        Assert.Equal(0, cluster.Uncommitted(group, KafkaTopics.For("BookingConfirmed")));
    }

    [Fact]
    public async Task A_member_with_several_lanes_that_stops_mid_handling_commits_only_what_came_before_and_the_next_member_gets_the_rest()
    {
        using var cluster = new KafkaMockCluster();
        using var bus = Bus(cluster.BootstrapServers);
        var group = $"mail-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString(); // one key: one partition, one lane, in order
        var messages = Enumerable.Range(0, 6).Select(_ => Message("BookingConfirmed", key)).ToList();
        foreach (var message in messages)
        {
            await bus.PublishAsync(message, Ct);
        }

        var stuck = messages[3];
        var reachedStuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await RunUntilAsync(cluster, group, async (m, stopping) =>
        {
            if (m.Id == stuck.Id)
            {
                reachedStuck.TrySetResult();
                await Task.Delay(Timeout.Infinite, stopping); // dies mid-handling
            }
        }, reachedStuck.Task, lanes: 4);

        var seenNext = new ConcurrentQueue<Guid>();
        var lastSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await RunUntilAsync(cluster, group, (m, _) =>
        {
            seenNext.Enqueue(m.Id);
            if (m.Id == messages[^1].Id)
            {
                lastSeen.TrySetResult();
            }

            return Task.CompletedTask;
        }, lastSeen.Task, lanes: 4);

        Assert.Equal(messages[3..].Select(m => m.Id), seenNext);
    }

    [Fact]
    public async Task The_producer_reports_a_failure_when_no_broker_answers()
    {
        using var bus = Bus($"127.0.0.1:{ClosedPort()}", timeoutMilliseconds: 1500);

        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() => bus.PublishAsync(Message("ProductOnSale"), Ct));

        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
    }

    [Fact]
    public void Topics_are_named_per_event_type()
    {
        Assert.Equal(
            ["atticket.booking-confirmed", "atticket.booking-cancelled", "atticket.product-on-sale", "atticket.account-mail"],
            Domain.Messaging.IntegrationEvents.Types.Select(KafkaTopics.For));
    }

    private static KafkaMessageBus Bus(string bootstrapServers, int timeoutMilliseconds = 30_000) =>
        new(new ProducerConfig { BootstrapServers = bootstrapServers, MessageTimeoutMs = timeoutMilliseconds });

    /// <summary>Runs one member of the group until <paramref name="done"/> completes, then stops it and waits until it has left.</summary>
    private static async Task RunUntilAsync(KafkaMockCluster cluster, string group, Func<BusMessage, CancellationToken, Task> handler, Task done, ConsumerConfig? config = null, int lanes = 1)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var consumer = new KafkaConsumer(config ?? cluster.Consumer(group), TimeProvider.System, NullLogger.Instance);
        var running = Task.Run(() => consumer.RunAsync(["BookingConfirmed", "BookingCancelled", "ProductOnSale"], handler, stopping.Token, lanes), Ct);
        await Task.WhenAny(done, running).WaitAsync(Ct);
        await stopping.CancelAsync();
        await running;
        await done; // surfaces a consumer that ended without doing the work
    }

    /// <summary>A member the group gives up on within seconds (the defaults are 45 s of silence and 5 min between polls).</summary>
    private static ConsumerConfig QuickToRebalance(ConsumerConfig config)
    {
        config.MaxPollIntervalMs = 3000;
        return ShortSession(config, sessionMilliseconds: 3000);
    }

    /// <summary>
    /// A session of seconds instead of 45 s. Most likely what the start-up test needs on a loaded machine: a join can
    /// time out on the client while the coordinator keeps it as a member until its session ends, and the group waits
    /// for it (one run of ten took 53 s beside three busy loops, and CI hit the 60 s bound twice).
    /// </summary>
    private static ConsumerConfig ShortSession(ConsumerConfig config, int sessionMilliseconds = 6000)
    {
        config.SessionTimeoutMs = sessionMilliseconds;
        config.HeartbeatIntervalMs = sessionMilliseconds / 6;
        return config;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static BusMessage Message(string type, string? aggregateId = null) =>
        new(Guid.NewGuid(), type, aggregateId ?? Guid.NewGuid().ToString(), $$"""{"type":"{{type}}"}""", DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
}
