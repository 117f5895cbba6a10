namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// The dispatcher's side of the outbox table. A dispatcher claims a batch of pending rows with one
/// conditional UPDATE (only rows nobody holds, or whose lease ran out) under a token of its own, then
/// reads back exactly the rows that carry its token: two dispatchers never hold the same row, and a
/// dispatcher that died lets go of its rows when the lease ends.
/// </summary>
public sealed class OutboxStore(IDbContextFactory<AtTicketDbContext> contexts)
{
    public async Task<IReadOnlyList<BusMessage>> ClaimAsync(Guid token, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var candidates = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.DispatchedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(max)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return [];
            }

            var until = now + lease;
            var claimed = await db.OutboxMessages
                .Where(m => candidates.Contains(m.Id) && m.DispatchedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedBy, token).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
            if (claimed == 0)
            {
                continue; // another dispatcher took all of them first: look again
            }

            var rows = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.ClaimedBy == token && m.DispatchedAt == null)
                .Select(m => new BusMessage(m.Id, m.Type, m.AggregateId, m.Payload, m.OccurredAt))
                .ToListAsync(cancellationToken);
            return [.. rows.OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)];
        }
    }

    /// <summary>Marks the published rows of a batch dispatched, in one UPDATE.</summary>
    /// <returns>How many were still held under <paramref name="token"/>; fewer when a lease was lost to another dispatcher meanwhile (such a row may then be published again: at least once).</returns>
    public async Task<int> MarkDispatchedAsync(IReadOnlyCollection<Guid> ids, Guid token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == token && m.DispatchedAt == null)
            .ExecuteUpdateAsync(
                u => u.SetProperty(m => m.DispatchedAt, now)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (Guid?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken);
    }

    /// <summary>The publish failed: count the attempt, keep the error, and let any dispatcher take the row again.</summary>
    public async Task RecordFailureAsync(Guid id, Guid token, string error, CancellationToken cancellationToken)
    {
        var text = OutboxMessage.Clip(error);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutboxMessages
            .Where(m => m.Id == id && m.ClaimedBy == token)
            .ExecuteUpdateAsync(
                u => u.SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, text)
                    .SetProperty(m => m.ClaimedBy, (Guid?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken);
    }

    /// <summary>Gives back the rows of a batch that were not tried, so they need not wait for the lease to end.</summary>
    public async Task ReleaseAsync(Guid token, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutboxMessages
            .Where(m => m.ClaimedBy == token && m.DispatchedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null, cancellationToken);
    }
}
