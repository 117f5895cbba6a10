using AtTicket.Domain.Catalog;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Tests.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Mail.Alerts;

/// <summary>Members with mail preferences, products put on sale by the admin service, and the alerts the composer writes for them.</summary>
internal static class AlertData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A member saved as Identity saves one, with the preferences saved through the app's store (none when <paramref name="categories"/> is null).</summary>
    public static async Task<string> MemberAsync(
        IServiceProvider node,
        ProductCategory[]? categories,
        string? culture = null,
        bool confirmed = true,
        string? displayName = null)
    {
        var member = MemberBuilder.Build();
        member.EmailConfirmed = confirmed;
        member.DisplayName = displayName ?? member.DisplayName;
        await ReadAsync(node, db =>
        {
            db.Users.Add(member);
            return db.SaveChangesAsync(Ct);
        });
        if (categories is not null)
        {
            Assert.True(await node.GetRequiredService<MemberPreferencesStore>().SaveAsync(member.Id, categories, culture, Ct));
        }

        return member.Email!;
    }

    /// <summary>A product put on sale with two performances in one hall (VIP 150,000 and R 100,000 won), and the outbox row its sale wrote, as the bus carries it.</summary>
    public static async Task<(int ProductId, BusMessage Message)> OnSaleProductAsync(
        IServiceProvider node,
        string title,
        ProductCategory category,
        string? venueName = null)
    {
        var productId = await CreateProductAsync(node, title, category);
        var hall = await CreateHallAsync(node, venueName: venueName);
        var admin = node.GetRequiredService<PerformanceAdminService>();
        var performances = await ScheduleAsync(node, productId, hall, [DaysFromNow(10), DaysFromNow(12)], Grade("VIP", 150_000, hall.Row('A')), Grade("R", 100_000, hall.Row('B'), Crimson));
        foreach (var id in performances)
        {
            Assert.True(await admin.PutOnSaleAsync(id, Ct));
        }

        var row = await ReadAsync(node, db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.AggregateId == productId.ToString() && m.Type == IntegrationEvents.ProductOnSaleType, Ct));
        return (productId, new BusMessage(row.Id, row.Type, row.AggregateId, row.Payload, row.OccurredAt));
    }

    /// <summary>Every mail the registered composer for ProductOnSale writes for <paramref name="message"/>.</summary>
    public static async Task<List<MimeMessage>> ComposeAsync(IServiceProvider node, BusMessage message)
    {
        var composer = Assert.Single(node.GetServices<IMailComposer>(), c => c.MessageType == IntegrationEvents.ProductOnSaleType);
        var mails = new List<MimeMessage>();
        await foreach (var mail in composer.ComposeAsync(message, Ct))
        {
            mails.Add(mail);
        }

        return mails;
    }

    public static string Recipient(MimeMessage mail) => Assert.Single(mail.To.Mailboxes).Address;
}
