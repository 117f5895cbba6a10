namespace AtTicket.Infrastructure.Admin;

internal static class PerformanceRemoval
{
    /// <summary>
    /// Deletes performances child tables first: seat rows point at grades with a restricting key,
    /// so the order is explicit instead of trusting each engine's cascade order.
    /// </summary>
    public static async Task DeleteAsync(AtTicketDbContext db, IQueryable<int> performanceIds, CancellationToken cancellationToken)
    {
        await db.SeatHolds.Where(h => performanceIds.Contains(h.PerformanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.PerformanceSeats.Where(s => performanceIds.Contains(s.PerformanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.SeatGrades.Where(g => performanceIds.Contains(g.PerformanceId)).ExecuteDeleteAsync(cancellationToken);
        var ids = await performanceIds.ToListAsync(cancellationToken);
        await db.Performances.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
