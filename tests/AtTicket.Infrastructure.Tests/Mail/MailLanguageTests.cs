using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;
using static AtTicket.Infrastructure.Tests.Mail.MailData;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>A member who switches the site's language gets their next mail in that language.</summary>
public sealed class MailLanguageTests(MailDatabases databases) : IClassFixture<MailDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_next_booking_mail_follows_each_language_switch(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var (worker, _) = WorkerFor(node, sink, maxAttempts: 3);
        var (memberId, email) = await MemberAsync(node, "en");
        var preferences = node.GetRequiredService<MemberPreferencesStore>();
        var performance = await OnSaleAsync(node);
        var shop = new Shop(node, ClockAtNow());

        Assert.True(await preferences.PreferCultureAsync(memberId, "ko", Ct));
        var first = await shop.ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat('A', 1));
        await worker.HandleAsync(await OutboxMessageAsync(node, first.Id.ToString(), IntegrationEvents.BookingConfirmedType), Ct);

        Assert.True(await preferences.PreferCultureAsync(memberId, "en", Ct));
        var second = await shop.ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat('A', 2));
        await worker.HandleAsync(await OutboxMessageAsync(node, second.Id.ToString(), IntegrationEvents.BookingConfirmedType), Ct);

        Assert.Equal(
            [$"예매가 확정되었습니다: {first.Number}", $"Your booking {second.Number} is confirmed"],
            sink.MailsTo(email).Select(m => m.Subject));
    }
}
