using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Mail.MailData;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>An SMTP server of the test's own that goes away and comes back: no mail is lost, none is sent twice.</summary>
public sealed class MailOutageTests(MailDatabases databases) : IClassFixture<MailDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_mail_that_fails_while_the_SMTP_server_is_down_is_retried_and_delivered_once_it_returns(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        await using var sink = await SmtpSink.StartPrivateAsync();
        var (worker, _) = WorkerFor(node, sink, maxAttempts: 1000);
        var message = await ConfirmedBookingMessageAsync(node);
        var email = await RecipientAsync(node, message);
        await sink.StopAsync();

        var handling = worker.HandleAsync(message, Ct);
        var failing = await UntilAsync(() => DeliveriesAsync(node, message.Id), d => d.Count == 1 && d[0].Attempts >= 2);
        Assert.Equal(MailDeliveryStatus.Pending, failing[0].Status);
        Assert.False(string.IsNullOrEmpty(failing[0].LastError));
        Assert.Empty(sink.MailsTo(email));
        await sink.StartAgainAsync();
        await handling;

        Assert.Single(sink.MailsTo(email));
        var delivery = Assert.Single(await DeliveriesAsync(node, message.Id));
        Assert.Equal(MailDeliveryStatus.Sent, delivery.Status);
        Assert.True(delivery.Attempts >= 2, $"{delivery.Attempts} failed attempts were recorded.");
        Assert.Null(delivery.LastError);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task After_MaxAttempts_failures_the_mail_is_parked_as_failed_and_a_retry_sends_it_once(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        await using var sink = await SmtpSink.StartPrivateAsync();
        var (worker, deliveries) = WorkerFor(node, sink, maxAttempts: 3);
        var message = await ConfirmedBookingMessageAsync(node);
        var email = await RecipientAsync(node, message);
        await sink.StopAsync();

        await worker.HandleAsync(message, Ct); // returns once parked, so the bus moves on

        var parked = Assert.Single(await DeliveriesAsync(node, message.Id));
        Assert.Equal((MailDeliveryStatus.Failed, 3), (parked.Status, parked.Attempts));
        Assert.False(string.IsNullOrEmpty(parked.LastError));
        var store = node.GetRequiredService<MailDeliveryStore>();
        Assert.Contains(await store.ListAsync(MailDeliveryStatus.Failed, 500, Ct), d => d.Id == parked.Id);
        Assert.True((await store.CountAsync(Ct)).Failed >= 1);

        await worker.HandleAsync(message, Ct); // the bus delivering it again does not bring a parked mail back
        Assert.Equal(3, Assert.Single(await DeliveriesAsync(node, message.Id)).Attempts);

        await sink.StartAgainAsync();
        Assert.Equal(RetryOutcome.Sent, await deliveries.RetryAsync(parked.Id, Ct));
        Assert.Equal(RetryOutcome.NotFailed, await deliveries.RetryAsync(parked.Id, Ct));

        var mail = Assert.Single(sink.MailsTo(email));
        Assert.Equal(parked.Subject, mail.Subject);
        Assert.Equal(2, InlinePngs(mail).Count);
        Assert.Equal(MailDeliveryStatus.Sent, Assert.Single(await DeliveriesAsync(node, message.Id)).Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task A_retry_while_the_server_is_still_down_parks_the_mail_again(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        await using var sink = await SmtpSink.StartPrivateAsync();
        var (worker, deliveries) = WorkerFor(node, sink, maxAttempts: 1);
        var message = await ConfirmedBookingMessageAsync(node);
        await sink.StopAsync();
        await worker.HandleAsync(message, Ct);
        var parked = Assert.Single(await DeliveriesAsync(node, message.Id));

        Assert.Equal(RetryOutcome.FailedAgain, await deliveries.RetryAsync(parked.Id, Ct));

        var again = Assert.Single(await DeliveriesAsync(node, message.Id));
        Assert.Equal((MailDeliveryStatus.Failed, 2), (again.Status, again.Attempts));
    }

    private static async Task<BusMessage> ConfirmedBookingMessageAsync(IServiceProvider node)
    {
        var (memberId, _) = await MemberAsync(node, "en");
        var performance = await OnSaleAsync(node);
        var booking = await new Shop(node, ClockAtNow()).ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2));
        return await OutboxMessageAsync(node, booking.Id.ToString(), IntegrationEvents.BookingConfirmedType);
    }

    private static async Task<string> RecipientAsync(IServiceProvider node, BusMessage message)
    {
        var memberId = IntegrationEvents.Read<BookingConfirmed>(message.Payload).MemberId;
        return (await node.GetRequiredService<MailRecipients>().FindAsync(memberId, Ct))!.Email;
    }
}
