using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace AtTicket.Infrastructure.Mail;

/// <summary>How many deliveries are in each state: what an admin looks at first.</summary>
public sealed record MailDeliveryCounts(int Pending, int Sent, int Failed);

/// <summary>A delivery as the worker finds it before sending: <paramref name="Claimed"/> when this worker now holds it.</summary>
public sealed record OpenedDelivery(Guid Id, MailDeliveryStatus Status, bool Claimed);

/// <summary>One delivery as a list shows it (without its MIME text).</summary>
public sealed record MailDeliveryRow(
    Guid Id,
    Guid MessageId,
    string MessageType,
    string Recipient,
    string Subject,
    MailDeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);

/// <summary>
/// The <see cref="MailDelivery"/> table. Every state change is one conditional UPDATE, so two workers
/// (a Kafka rebalance hands a message to a second one while the first still sends it) never both send:
/// only the one whose claim succeeded does.
/// </summary>
public sealed class MailDeliveryStore(IDbContextFactory<AtTicketDbContext> contexts)
{
    /// <summary>
    /// The delivery of this mail, taken for one send until <paramref name="until"/>. The first time (the
    /// usual case) that is one INSERT of a row already claimed; when the row exists (the message came
    /// again, or another worker made it a moment ago) it is read, and claimed with a conditional UPDATE
    /// only if it is still pending and nobody holds it.
    /// </summary>
    public async Task<OpenedDelivery> OpenClaimedAsync(Guid messageId, string messageType, string recipient, string subject, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var address = MailDelivery.Normalize(recipient);
        var delivery = new MailDelivery(messageId, messageType, address, subject, now, until);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.MailDeliveries.Add(delivery);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new OpenedDelivery(delivery.Id, delivery.Status, Claimed: true);
            }
            catch (DbUpdateException)
            {
                // The unique key (message, recipient) refused it: this mail has a row already.
            }
        }

        await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await FindAsync(fresh, messageId, address, cancellationToken)
            ?? throw new InvalidOperationException($"The delivery of message {messageId} to {address} could not be stored.");
        return existing.Status == MailDeliveryStatus.Pending
            ? new OpenedDelivery(existing.Id, existing.Status, await TryClaimAsync(existing.Id, now, until, cancellationToken))
            : new OpenedDelivery(existing.Id, existing.Status, Claimed: false);
    }

    /// <summary>Takes a pending delivery for one send until <paramref name="until"/>; false when another worker holds it or it is no longer pending.</summary>
    public async Task<bool> TryClaimAsync(Guid id, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MailDeliveries
            .Where(d => d.Id == id && d.Status == MailDeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedUntil, until), cancellationToken) == 1;
    }

    public async Task MarkSentAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await UpdateAsync(
            id,
            u => u.SetProperty(d => d.Status, MailDeliveryStatus.Sent)
                .SetProperty(d => d.SentAt, now)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(d => d.Content, (byte[]?)null),
            cancellationToken);
    }

    /// <summary>Counts a failed send and keeps its error; the worker keeps its claim until <paramref name="until"/> for the next try.</summary>
    /// <returns>The attempts made so far.</returns>
    public async Task<int> RecordFailureAsync(Guid id, string error, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var text = OutboxMessage.Clip(error);
        await UpdateAsync(
            id,
            u => u.SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.LastError, text).SetProperty(d => d.ClaimedUntil, until),
            cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MailDeliveries.Where(d => d.Id == id).Select(d => d.Attempts).SingleAsync(cancellationToken);
    }

    /// <summary>Gives up on a delivery: it is failed, keeps the mail for a retry, and no worker takes it again by itself.</summary>
    public async Task ParkAsync(Guid id, byte[] content, CancellationToken cancellationToken)
    {
        await UpdateAsync(
            id,
            u => u.SetProperty(d => d.Status, MailDeliveryStatus.Failed).SetProperty(d => d.Content, content).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null),
            cancellationToken);
    }

    /// <summary>Takes a parked delivery back for a retry (it is pending and claimed again) and returns its mail; null when it is not parked (or another retry took it first).</summary>
    public async Task<byte[]?> ReopenFailedAsync(Guid id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reopened = await db.MailDeliveries
            .Where(d => d.Id == id && d.Status == MailDeliveryStatus.Failed && d.Content != null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, MailDeliveryStatus.Pending).SetProperty(d => d.ClaimedUntil, until), cancellationToken);
        return reopened == 1
            ? await db.MailDeliveries.Where(d => d.Id == id).Select(d => d.Content).SingleAsync(cancellationToken)
            : null;
    }

    public async Task<MailDeliveryRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db.MailDeliveries.Where(d => d.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The deliveries of one bus message, e.g. every alert one product caused.</summary>
    public async Task<IReadOnlyList<MailDeliveryRow>> ListForMessageAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db.MailDeliveries.Where(d => d.MessageId == messageId).OrderBy(d => d.Recipient)).ToListAsync(cancellationToken);
    }

    /// <summary>The newest deliveries in <paramref name="status"/> (all when null), newest first.</summary>
    public async Task<IReadOnlyList<MailDeliveryRow>> ListAsync(MailDeliveryStatus? status, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = status is { } wanted ? db.MailDeliveries.Where(d => d.Status == wanted) : db.MailDeliveries;
        return await Rows(query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(Math.Clamp(take, 1, 500))).ToListAsync(cancellationToken);
    }

    public async Task<MailDeliveryCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.MailDeliveries.GroupBy(d => d.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Of(MailDeliveryStatus status) => counts.SingleOrDefault(c => c.Status == status)?.Count ?? 0;
        return new MailDeliveryCounts(Of(MailDeliveryStatus.Pending), Of(MailDeliveryStatus.Sent), Of(MailDeliveryStatus.Failed));
    }

    private static Task<MailDeliveryRow?> FindAsync(AtTicketDbContext db, Guid messageId, string recipient, CancellationToken cancellationToken) =>
        Rows(db.MailDeliveries.Where(d => d.MessageId == messageId && d.Recipient == recipient)).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<MailDeliveryRow> Rows(IQueryable<MailDelivery> deliveries) =>
        deliveries.Select(d => new MailDeliveryRow(d.Id, d.MessageId, d.MessageType, d.Recipient, d.Subject, d.Status, d.Attempts, d.LastError, d.CreatedAt, d.SentAt));

    /// <summary>Changes one delivery's row in place, without reading it.</summary>
    private async Task UpdateAsync(
        Guid id, Expression<Func<SetPropertyCalls<MailDelivery>, SetPropertyCalls<MailDelivery>>> changes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.MailDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(changes, cancellationToken);
    }
}
