using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
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

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_Korean_members_booking_mail_names_the_show_venue_hall_and_section_in_Korean(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var (worker, _) = WorkerFor(node, sink, maxAttempts: 3);
        var (korean, koreanEmail) = await MemberAsync(node, "ko");
        var (english, englishEmail) = await MemberAsync(node, "en");
        var performance = await OnSaleAsync(node);
        var (title, venue) = await GiveKoreanShowTextAsync(node, performance.Id);
        var shop = new Shop(node, ClockAtNow());

        foreach (var (memberId, seat) in new[] { (korean, 1), (english, 2) })
        {
            var booking = await shop.ConfirmedAsync(memberId, performance.Id, performance.Hall.Seat('A', seat));
            await worker.HandleAsync(await OutboxMessageAsync(node, booking.Id.ToString(), IntegrationEvents.BookingConfirmedType), Ct);
        }

        var toKorean = Text(Assert.Single(sink.MailsTo(koreanEmail)));
        Assert.Contains("뮤지컬 등대", toKorean);
        Assert.Contains("한빛아트센터 · 대공연장", toKorean);
        Assert.Contains("플로어 A열 1번", toKorean);
        Assert.DoesNotContain(title, toKorean);
        Assert.DoesNotContain("Floor", toKorean);
        var toEnglish = Text(Assert.Single(sink.MailsTo(englishEmail)));
        Assert.Contains(title, toEnglish);
        Assert.Contains($"{venue} · Main Hall", toEnglish);
        Assert.Contains("Floor row A seat 2", toEnglish);
        Assert.DoesNotContain("뮤지컬 등대", toEnglish);
        Assert.DoesNotContain("플로어", toEnglish);
    }

    /// <summary>Korean title, venue, hall and section names for the performance's show; returns the default title and venue name.</summary>
    private static async Task<(string Title, string Venue)> GiveKoreanShowTextAsync(IServiceProvider node, int performanceId)
    {
        await using var db = await node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct);
        var performance = await db.Performances.Include(p => p.Product).Include(p => p.Hall!).ThenInclude(h => h.Venue).Include(p => p.Hall!).ThenInclude(h => h.Seats).SingleAsync(p => p.Id == performanceId, Ct);
        performance.Product!.SetKoreanText("뮤지컬 등대", null);
        performance.Hall!.Venue!.SetKoreanText("한빛아트센터", "서울 서초구");
        performance.Hall.SetKoreanName("대공연장");
        performance.Hall.NameSectionInKorean("Floor", "플로어");
        await db.SaveChangesAsync(Ct);
        return (performance.Product.Title, performance.Hall.Venue.Name);
    }
}
