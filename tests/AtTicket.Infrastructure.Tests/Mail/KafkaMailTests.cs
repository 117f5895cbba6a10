using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using AtTicket.Infrastructure.Tests.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Mail.MailData;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>
/// Booking mails over Kafka: the dispatcher publishes to librdkafka's mock cluster, the mail worker
/// consumes as the group <see cref="MailWorker.ConsumerGroup"/>, and the real SMTP sink receives. Every
/// test has a cluster of its own, so no other test's message is waiting in the group.
/// </summary>
public sealed class KafkaMailTests(MailDatabases databases) : IClassFixture<MailDatabases>
{
    private static readonly string Topic = KafkaTopics.For(IntegrationEvents.BookingConfirmedType);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_confirmed_booking_goes_through_Kafka_to_the_mail_worker_group_and_mails_its_member_once(DatabaseProvider provider)
    {
        using var cluster = new KafkaMockCluster();
        await using var node = await KafkaNodeAsync(provider, cluster);
        var sink = SmtpSink.Shared();
        Assert.IsType<KafkaMessageBus>(node.GetRequiredService<IMessageBus>());
        var (message, email) = await ConfirmedBookingAsync(node);
        var worker = node.GetRequiredService<MailWorker>();
        await worker.StartAsync(Ct);
        try
        {
            await node.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(Ct);
            await sink.WaitForMailsToAsync(email);
            await UntilAsync(() => Task.FromResult(cluster.Uncommitted(MailWorker.ConsumerGroup, Topic)), left => left == 0); // committed once handled
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        var mail = Assert.Single(sink.MailsTo(email));
        Assert.Contains(IntegrationEvents.Read<BookingConfirmed>(message.Payload).Number, mail.Subject);
        var delivery = Assert.Single(await DeliveriesAsync(node, message.Id));
        Assert.Equal((MailDeliveryStatus.Sent, 0), (delivery.Status, delivery.Attempts));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_worker_that_dies_after_sending_but_before_its_commit_leaves_the_message_to_the_group_and_no_second_mail_is_sent(DatabaseProvider provider)
    {
        using var cluster = new KafkaMockCluster();
        await using var node = await KafkaNodeAsync(provider, cluster);
        var sink = SmtpSink.Shared();
        var (message, email) = await ConfirmedBookingAsync(node);
        await node.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(Ct);
        var worker = node.GetRequiredService<MailWorker>();

        // The first member of the group runs the worker's handler, and dies the moment the handler has
        // returned from the booking's message: the mail is out, its offset is not committed. The group
        // notices a member gone once its session times out (short here, 45 s by default).
        using var dying = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var config = cluster.Consumer(MailWorker.ConsumerGroup);
        config.SessionTimeoutMs = 3000;
        config.HeartbeatIntervalMs = 500;
        var first = new KafkaConsumer(config, TimeProvider.System, NullLogger.Instance);
        await first.RunAsync(worker.MessageTypes, async (received, stopping) =>
        {
            await worker.HandleAsync(received, stopping);
            if (received.Id == message.Id)
            {
                await dying.CancelAsync();
                stopping.ThrowIfCancellationRequested();
            }
        }, dying.Token);

        Assert.Single(sink.MailsTo(email));
        Assert.Equal(1, cluster.Uncommitted(MailWorker.ConsumerGroup, Topic));

        // The node's own worker joins the group, gets the message again, sends nothing and commits.
        await worker.StartAsync(Ct);
        try
        {
            await UntilAsync(() => Task.FromResult(cluster.Uncommitted(MailWorker.ConsumerGroup, Topic)), left => left == 0);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.Single(sink.MailsTo(email));
        var delivery = Assert.Single(await DeliveriesAsync(node, message.Id));
        Assert.Equal((MailDeliveryStatus.Sent, 0), (delivery.Status, delivery.Attempts));
    }

    /// <summary>A node on the fixture's database that publishes to and consumes from <paramref name="cluster"/>.</summary>
    private async Task<ServiceProvider> KafkaNodeAsync(DatabaseProvider provider, KafkaMockCluster cluster) =>
        (await databases.GetAsync(provider)).NewNode(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = cluster.BootstrapServers });

    private static async Task<(BusMessage Message, string Email)> ConfirmedBookingAsync(IServiceProvider node)
    {
        var (memberId, email) = await MemberAsync(node, "en");
        var performance = await OnSaleAsync(node);
        var booking = await new Shop(node, ClockAtNow()).ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat('A', 1));
        return (await OutboxMessageAsync(node, booking.Id.ToString(), IntegrationEvents.BookingConfirmedType), email);
    }
}
