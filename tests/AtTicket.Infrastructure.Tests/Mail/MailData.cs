using AtTicket.Domain.Members;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>One database per provider whose app sends mail to the test script's SMTP sink.</summary>
public sealed class MailDatabases : PerProviderDatabases
{
    private protected override Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        TestDatabase.CreateMigratedAsync(provider, SmtpSink.Shared().Settings);
}

/// <summary>A member who reads mail in one language, and what the outbox and the worker hold for the tests.</summary>
internal static class MailData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A member with a unique address and <paramref name="language"/> ("en", "ko") in the preferences.</summary>
    public static async Task<(string Id, string Email)> MemberAsync(IServiceProvider node, string language, string name = "Kim Minji")
    {
        var member = MemberBuilder.Build($"mail-{Unique.Suffix()}@atticket.test");
        member.DisplayName = name;
        var preferences = new MemberPreferences(member.Id);
        preferences.PreferCulture(language);
        await ReadAsync(node, db =>
        {
            db.Users.Add(member);
            db.MemberPreferences.Add(preferences);
            return db.SaveChangesAsync(Ct);
        });
        return (member.Id, member.Email!);
    }

    /// <summary>The outbox row of <paramref name="type"/> about <paramref name="aggregateId"/>, as the bus carries it.</summary>
    public static Task<BusMessage> OutboxMessageAsync(IServiceProvider node, string aggregateId, string type) =>
        ReadAsync(node, db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.AggregateId == aggregateId && m.Type == type)
            .Select(m => new BusMessage(m.Id, m.Type, m.AggregateId, m.Payload, m.OccurredAt))
            .SingleAsync(Ct));

    public static Task<IReadOnlyList<MailDeliveryRow>> DeliveriesAsync(IServiceProvider node, Guid messageId) =>
        node.GetRequiredService<MailDeliveryStore>().ListForMessageAsync(messageId, Ct);

    /// <summary>A worker of its own on this node's database and composers that sends to <paramref name="sink"/>, retrying quickly.</summary>
    public static (MailWorker Worker, MailDeliveryService Deliveries) WorkerFor(IServiceProvider node, SmtpSink sink, int maxAttempts)
    {
        var options = Options.Create(new MailOptions
        {
            MaxAttempts = maxAttempts,
            RetryDelayMilliseconds = 20,
            MaxRetryDelaySeconds = 1,
            Smtp = new SmtpOptions { Host = sink.Host, Port = sink.Port, Security = SmtpSecurity.None, TimeoutSeconds = 5 },
        });
        var deliveries = new MailDeliveryService(
            node.GetRequiredService<MailDeliveryStore>(), new SmtpMailTransport(options), node.GetRequiredService<MailSecrets>(), options, TimeProvider.System, NullLogger<MailDeliveryService>.Instance);
        var worker = new MailWorker(
            node.GetServices<IMailComposer>(),
            deliveries,
            node.GetRequiredService<InProcessMessageBus>(),
            Options.Create(new KafkaOptions()),
            options,
            TimeProvider.System,
            NullLogger<MailWorker>.Instance);
        return (worker, deliveries);
    }

    /// <summary>Reads until <paramref name="done"/> holds (the worker runs on its own), failing after 30 s.</summary>
    public static Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done) =>
        Within.ReadUntilAsync(read, done, value => $"Still not there: {value}", TimeSpan.FromSeconds(30));

    public static string Text(MimeMessage mail) => mail.TextBody ?? string.Empty;

    public static IReadOnlyList<MimePart> InlinePngs(MimeMessage mail) =>
        [.. mail.BodyParts.OfType<MimePart>().Where(p => p.ContentType.IsMimeType("image", "png"))];

    public static byte[] Bytes(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }
}
