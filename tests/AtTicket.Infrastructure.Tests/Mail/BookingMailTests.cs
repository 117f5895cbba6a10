using System.Text;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;
using static AtTicket.Infrastructure.Tests.Mail.MailData;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>Booking mails from the outbox to the real SMTP sink, through the dispatcher, the in-process bus and the worker.</summary>
public sealed class BookingMailTests(MailDatabases databases) : IClassFixture<MailDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "en")]
    [InlineData(DatabaseProvider.Sqlite, "ko")]
    [InlineData(DatabaseProvider.MySql, "en")]
    [InlineData(DatabaseProvider.MySql, "ko")]
    public async Task A_confirmed_booking_mails_its_member_once_with_the_seats_QR_codes_and_a_calendar_file(DatabaseProvider provider, string language)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var (memberId, email) = await MemberAsync(node, language, name: "Kim <i>Minji</i>");
        var title = $"Romeo <b>& Juliet</b> {Unique.Suffix()}";
        var hall = await CreateHallAsync(node);
        var startsAt = DaysFromNow(12);
        var performanceId = await ScheduleOnSaleAsync(node, await CreateProductAsync(node, title), hall, startsAt);
        var worker = node.GetRequiredService<MailWorker>();
        await worker.StartAsync(Ct);
        Booking booking;
        IReadOnlyList<MailDeliveryRow> deliveries;
        try
        {
            booking = await new Shop(node, ClockAtNow()).ConfirmedAsync(memberId, performanceId, hall.Seat('A', 1), hall.Seat('B', 2));
            var message = await OutboxMessageAsync(node, booking.Id.ToString(), IntegrationEvents.BookingConfirmedType);
            await node.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(Ct);
            await sink.WaitForMailsToAsync(email);
            deliveries = await UntilAsync(() => DeliveriesAsync(node, message.Id), d => d.Count == 1 && d[0].Status == MailDeliveryStatus.Sent);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        var mail = Assert.Single(sink.MailsTo(email));
        Assert.Equal((email, 0), (deliveries[0].Recipient, deliveries[0].Attempts)); // no failed attempt: sent on the first
        var korean = language == "ko";
        Assert.Equal(korean ? $"예매가 확정되었습니다: {booking.Number}" : $"Your booking {booking.Number} is confirmed", mail.Subject);
        Assert.Contains(korean ? "Floor A열 1번 (VIP)" : "Floor row A seat 1 (VIP)", Text(mail));
        Assert.Contains(korean ? "Floor B열 2번 (R)" : "Floor row B seat 2 (R)", Text(mail));
        Assert.Contains(korean ? "250,000원" : "₩250,000", Text(mail));
        Assert.Contains(title, Text(mail));

        // Data never becomes markup: the title and the name arrive as text in the HTML part.
        Assert.Contains("Romeo &lt;b&gt;&amp; Juliet&lt;/b&gt;", mail.HtmlBody);
        Assert.Contains("Kim &lt;i&gt;Minji&lt;/i&gt;", mail.HtmlBody);
        Assert.DoesNotContain("<b>&", mail.HtmlBody);

        var images = InlinePngs(mail);
        Assert.Equal(2, images.Count);
        Assert.All(images, image => Assert.Contains($"cid:{image.ContentId}", mail.HtmlBody));
        var decoded = new List<string>();
        foreach (var image in images)
        {
            decoded.Add(await QrCodes.ReadAsync(Bytes(image)));
        }

        Assert.Equal(booking.Tickets.Select(t => t.Code).Order(), decoded.Order());

        var ics = Assert.Single(mail.Attachments.OfType<MimePart>(), a => a.FileName == $"{booking.Number}.ics");
        Assert.True(ics.ContentType.IsMimeType("text", "calendar"));
        var calendar = Calendar.Load(Encoding.UTF8.GetString(Bytes(ics)));
        var performance = Assert.Single(calendar!.Events);
        Assert.Equal(startsAt.UtcDateTime, performance.DtStart!.AsUtc);
        Assert.Equal(startsAt.UtcDateTime.AddMinutes(150), performance.DtEnd!.AsUtc);
        Assert.Equal(title, performance.Summary);
        Assert.StartsWith($"Hanbit Arts Center", performance.Location);
        Assert.Contains("Main Hall", performance.Location);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_same_bus_message_delivered_twice_sends_one_mail(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var (memberId, email) = await MemberAsync(node, "en");
        var performance = await OnSaleAsync(node);
        var booking = await new Shop(node, ClockAtNow()).ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat('A', 1));
        var message = await OutboxMessageAsync(node, booking.Id.ToString(), IntegrationEvents.BookingConfirmedType);
        var worker = node.GetRequiredService<MailWorker>();

        await worker.HandleAsync(message, Ct);
        await worker.HandleAsync(message, Ct);

        Assert.Single(sink.MailsTo(email));
        var delivery = Assert.Single(await DeliveriesAsync(node, message.Id));
        Assert.Equal((MailDeliveryStatus.Sent, email, 0), (delivery.Status, delivery.Recipient, delivery.Attempts));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "en")]
    [InlineData(DatabaseProvider.MySql, "ko")]
    public async Task A_cancelled_booking_mails_the_refund_and_the_show(DatabaseProvider provider, string language)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var (memberId, email) = await MemberAsync(node, language);
        var performance = await OnSaleAsync(node);
        var shop = new Shop(node, ClockAtNow());
        var booking = await shop.ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat('B', 3), performance.Hall.Seat('B', 4));
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.Cancellation.CancelAsync(booking.Id, memberId, asAdmin: false, Ct);
        var message = await OutboxMessageAsync(node, booking.Id.ToString(), IntegrationEvents.BookingCancelledType);

        await node.GetRequiredService<MailWorker>().HandleAsync(message, Ct);

        var mail = Assert.Single(sink.MailsTo(email));
        var korean = language == "ko";
        Assert.Equal(korean ? $"예매가 취소되었습니다: {booking.Number}" : $"Your booking {booking.Number} is cancelled", mail.Subject);
        Assert.Contains(korean ? "환불 금액: 200,000원" : "Refund: ₩200,000", Text(mail));
        Assert.Contains(korean ? "Floor B열 3번 (R)" : "Floor row B seat 3 (R)", Text(mail));
        Assert.Contains(await ReadAsync(node, db => db.Performances.Where(p => p.Id == performance.Id).Select(p => p.Product!.Title).SingleAsync(Ct)), Text(mail));
        Assert.Empty(InlinePngs(mail)); // a cancelled ticket's code admits nobody: no QR codes
    }
}
