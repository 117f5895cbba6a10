namespace AtTicket.Infrastructure.Catalog;

/// <summary>
/// Live seat numbers, straight from the seat rows (never cached). A seat whose hold has expired
/// counts as remaining: anyone may take it at once, even before the sweeper releases it.
/// </summary>
public sealed class SeatAvailabilityReader(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
    /// <summary>One grouped query for any number of performances (e.g. a page of them).</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<GradeAvailability>>> GetRemainingAsync(
        IReadOnlyCollection<int> performanceIds,
        CancellationToken cancellationToken = default)
    {
        if (performanceIds.Count == 0)
        {
            return new Dictionary<int, IReadOnlyList<GradeAvailability>>();
        }

        var now = time.GetUtcNow();
        var free = PerformanceSeat.FreeAt(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PerformanceSeats
            .Where(s => performanceIds.Contains(s.PerformanceId) && s.GradeId != null)
            .GroupBy(s => new { s.PerformanceId, s.GradeId })
            .Select(g => new
            {
                g.Key.PerformanceId,
                GradeId = g.Key.GradeId!.Value,
                Total = g.Count(),
                Remaining = g.AsQueryable().Count(free),
            })
            .ToListAsync(cancellationToken);

        return rows
            .GroupBy(r => r.PerformanceId)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<GradeAvailability>)[.. g.Select(r => new GradeAvailability(r.GradeId, r.Total, r.Remaining))]);
    }

    public async Task<IReadOnlyList<GradeAvailability>> GetRemainingAsync(int performanceId, CancellationToken cancellationToken = default) =>
        (await GetRemainingAsync([performanceId], cancellationToken)).GetValueOrDefault(performanceId) ?? [];

    /// <summary>Every seat's grade and state for the seat map; an expired hold reads as available.</summary>
    public async Task<IReadOnlyList<SeatState>> GetSeatStatesAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var facts = await db.PerformanceSeats
            .AsNoTracking()
            .Where(s => s.PerformanceId == performanceId)
            .Select(s => new SeatFact(s.SeatId, s.GradeId, s.Status, s.HeldUntil, s.Version))
            .ToListAsync(cancellationToken);
        return [.. facts.Select(f => new SeatState(f.SeatId, f.GradeId, f.StatusAt(now)))];
    }
}
