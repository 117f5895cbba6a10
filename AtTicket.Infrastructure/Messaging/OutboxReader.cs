namespace AtTicket.Infrastructure.Messaging;

/// <summary>How far the outbox is behind: what an admin looks at first.</summary>
public sealed record OutboxCounts(int Pending, int Dispatched, DateTimeOffset? OldestPendingAt);

/// <summary>One outbox message as the admin list shows it (without its payload).</summary>
public sealed record OutboxRow(
    Guid Id,
    string Type,
    string AggregateId,
    DateTimeOffset OccurredAt,
    DateTimeOffset? DispatchedAt,
    int Attempts,
    string? LastError)
{
    public bool IsPending => DispatchedAt is null;
}

/// <summary>The admin's read side of the outbox table; the dispatcher's side is <see cref="OutboxStore"/>.</summary>
public sealed class OutboxReader(IDbContextFactory<AtTicketDbContext> contexts)
{
    public async Task<OutboxCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null, cancellationToken);
        var dispatched = await db.OutboxMessages.CountAsync(m => m.DispatchedAt != null, cancellationToken);
        var oldest = await db.OutboxMessages
            .Where(m => m.DispatchedAt == null)
            .OrderBy(m => m.OccurredAt)
            .Select(m => (DateTimeOffset?)m.OccurredAt)
            .FirstOrDefaultAsync(cancellationToken);
        return new OutboxCounts(pending, dispatched, oldest);
    }

    /// <summary>The pending messages, oldest first (the one holding the queue up on top), then the newest dispatched ones; <paramref name="take"/> of each at most.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ListAsync(int take, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(take, 1, 500);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.OutboxMessages.AsNoTracking();
        var pending = await Rows(rows.Where(m => m.DispatchedAt == null).OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Take(limit))
            .ToListAsync(cancellationToken);
        var dispatched = await Rows(rows.Where(m => m.DispatchedAt != null).OrderByDescending(m => m.DispatchedAt).ThenByDescending(m => m.Id).Take(limit))
            .ToListAsync(cancellationToken);
        return [.. pending, .. dispatched];
    }

    private static IQueryable<OutboxRow> Rows(IQueryable<Domain.Messaging.OutboxMessage> messages) =>
        messages.Select(m => new OutboxRow(m.Id, m.Type, m.AggregateId, m.OccurredAt, m.DispatchedAt, m.Attempts, m.LastError));
}
