using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Tests.Messaging;

/// <summary>What the admin messages page reads from the outbox, on both databases.</summary>
public sealed class OutboxReaderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Pending_rows_come_first_oldest_on_top_then_the_newest_dispatched_and_the_lag_is_the_oldest_pending(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var now = DateTimeOffset.UtcNow;
        var older = Message("older", now.AddMinutes(-30));
        older.RecordFailure("The broker is away.");
        var newer = Message("newer", now.AddMinutes(-5));
        var sentFirst = Message("sent-first", now.AddMinutes(-60));
        sentFirst.MarkDispatched(now.AddMinutes(-59));
        var sentLast = Message("sent-last", now.AddMinutes(-50));
        sentLast.MarkDispatched(now.AddMinutes(-1));
        await using (var db = await node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct))
        {
            db.OutboxMessages.AddRange(newer, sentFirst, older, sentLast);
            await db.SaveChangesAsync(Ct);
        }

        var reader = node.GetRequiredService<OutboxReader>();
        var rows = await reader.ListAsync(50, Ct);
        var counts = await reader.CountAsync(Ct);

        Assert.Equal(["older", "newer", "sent-last", "sent-first"], rows.Select(r => r.AggregateId));
        Assert.Equal((1, "The broker is away."), (rows[0].Attempts, rows[0].LastError));
        Assert.Equal((2, 2), (counts.Pending, counts.Dispatched));
        Assert.Equal(older.OccurredAt.ToUnixTimeMilliseconds(), counts.OldestPendingAt?.ToUnixTimeMilliseconds());
    }

    private static OutboxMessage Message(string aggregateId, DateTimeOffset occurredAt) =>
        new(Guid.NewGuid(), IntegrationEvents.ProductOnSaleType, aggregateId, "{}", occurredAt);
}
