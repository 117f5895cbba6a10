using AtTicket.Domain.Queues;

namespace AtTicket.Infrastructure.Queues;

/// <summary>
/// Which performances run behind a waiting line, with what rules (the database: every node reads the same), and
/// the gate every hold passes. A node keeps what it read for <see cref="Freshness"/>, so a flash sale's holds
/// cost no extra query; an admin's change reaches every node within that time.
/// </summary>
public sealed class WaitingLines(IDbContextFactory<AtTicketDbContext> contexts, IWaitingRoom room, TimeProvider time, ILogger<WaitingLines> logger) : IAdmissionGate
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private IReadOnlyDictionary<int, QueueRules> _lines = new Dictionary<int, QueueRules>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async Task<QueueRules?> RulesAsync(int performanceId, CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).GetValueOrDefault(performanceId);

    public async Task<IReadOnlyDictionary<int, QueueRules>> AllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (time.GetUtcNow() - _readAt < Freshness)
            {
                return _lines;
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lines = await db.WaitingLines.AsNoTracking().ToListAsync(cancellationToken);
        lock (_gate)
        {
            _lines = lines.ToDictionary(l => l.PerformanceId, l => l.Rules);
            _readAt = time.GetUtcNow();
            return _lines;
        }
    }

    public async Task<bool> MayShopAsync(int performanceId, string memberId, CancellationToken cancellationToken = default) =>
        await RulesAsync(performanceId, cancellationToken) is null || await room.IsAdmittedAsync(performanceId, memberId, cancellationToken);

    public async Task EndTurnAsync(int performanceId, string memberId)
    {
        try
        {
            if (await RulesAsync(performanceId) is not null)
            {
                await room.FinishAsync(performanceId, memberId);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The turn of a member in the waiting line of performance {PerformanceId} could not be ended; its shopping window ends it", performanceId);
        }
    }

    /// <summary>Puts the performance's on-sale behind a line with these rules, or changes them.</summary>
    /// <returns>False when there is no such performance.</returns>
    public async Task<bool> SetAsync(int performanceId, QueueRules rules, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Performances.AnyAsync(p => p.Id == performanceId, cancellationToken))
        {
            return false;
        }

        var line = await db.WaitingLines.FindAsync([performanceId], cancellationToken);
        if (line is null)
        {
            db.WaitingLines.Add(new WaitingLine(performanceId, rules));
        }
        else
        {
            line.Change(rules);
        }

        await db.SaveChangesAsync(cancellationToken);
        Forget();
        return true;
    }

    /// <summary>Ends the line: from now on everyone may choose seats.</summary>
    public async Task<bool> RemoveAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var removed = await db.WaitingLines.Where(l => l.PerformanceId == performanceId).ExecuteDeleteAsync(cancellationToken) > 0;
        Forget();
        return removed;
    }

    private void Forget()
    {
        lock (_gate)
        {
            _readAt = DateTimeOffset.MinValue;
        }
    }
}
