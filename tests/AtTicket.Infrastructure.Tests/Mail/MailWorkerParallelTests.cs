using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Mail.MailData;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>The worker sending many mails at once (Mail:Worker:Parallelism), alone and racing another node's worker.</summary>
public sealed class MailWorkerParallelTests(MailDatabases databases) : IClassFixture<MailDatabases>
{
    private const int Bookings = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_burst_of_confirmations_through_the_in_process_bus_mails_every_member_exactly_once(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var bookings = await ConfirmedBookingsAsync(node);
        var (worker, _) = WorkerFor(node, sink, maxAttempts: 5);
        await worker.StartAsync(Ct);
        try
        {
            var bus = node.GetRequiredService<InProcessMessageBus>();
            foreach (var (message, _) in bookings)
            {
                await bus.PublishAsync(message, Ct);
            }

            foreach (var (_, email) in bookings)
            {
                await sink.WaitForMailsToAsync(email);
            }

            await UntilAsync(() => SentAsync(node, bookings), sent => sent == Bookings);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.All(bookings, b => Assert.Single(sink.MailsTo(b.Email)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_nodes_workers_handling_the_same_messages_at_once_send_each_mail_once(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var bookings = await ConfirmedBookingsAsync(node);
        var (a, _) = WorkerFor(node, sink, maxAttempts: 5);
        var (b, _) = WorkerFor(node, sink, maxAttempts: 5);

        // Every message to both workers at once; the loser of a race sees the mail sent, or held by the
        // other worker (then its bus would deliver the message again later).
        var outcomes = await Task.WhenAll(bookings.SelectMany(x => new[] { a, b }.Select(w => HandleAsync(w, x.Message))));
        foreach (var (message, _) in bookings)
        {
            await a.HandleAsync(message, Ct); // the redelivery after a busy answer: sends nothing new
        }

        Assert.All(bookings, x => Assert.Single(sink.MailsTo(x.Email)));
        Assert.Equal(Bookings, await SentAsync(node, bookings));
        Assert.True(outcomes.Count(o => o) >= Bookings, "Every message was handled by at least one worker without a busy answer.");
    }

    private static async Task<bool> HandleAsync(MailWorker worker, BusMessage message)
    {
        try
        {
            await worker.HandleAsync(message, Ct);
            return true;
        }
        catch (MailDeliveryBusyException)
        {
            return false;
        }
    }

    private static async Task<int> SentAsync(IServiceProvider node, IEnumerable<(BusMessage Message, string Email)> bookings)
    {
        var sent = 0;
        foreach (var (message, _) in bookings)
        {
            sent += (await DeliveriesAsync(node, message.Id)).Count(d => d.Status == MailDeliveryStatus.Sent);
        }

        return sent;
    }

    /// <summary><see cref="Bookings"/> members, each with one confirmed booking of one seat, and its outbox message.</summary>
    private static async Task<List<(BusMessage Message, string Email)>> ConfirmedBookingsAsync(IServiceProvider node)
    {
        var performance = await OnSaleAsync(node, rows: Bookings / 8, seatsPerRow: 8);
        var shop = new Shop(node, ClockAtNow());
        var bookings = new List<(BusMessage, string)>();
        for (var i = 0; i < Bookings; i++)
        {
            var (memberId, email) = await MemberAsync(node, i % 2 == 0 ? "en" : "ko");
            var booking = await shop.ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat((char)('A' + (i / 8)), (i % 8) + 1));
            bookings.Add((await OutboxMessageAsync(node, booking.Id.ToString(), IntegrationEvents.BookingConfirmedType), email));
        }

        return bookings;
    }
}
