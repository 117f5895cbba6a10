namespace AtTicket.Infrastructure.Admin;

public enum ChangeOutcome
{
    Done,
    NotFound,

    /// <summary>Held or sold seats would change grade or disappear.</summary>
    SeatsLocked,
}

public sealed record ChangeResult(ChangeOutcome Outcome, IReadOnlyList<int> LockedSeatIds)
{
    public static readonly ChangeResult Done = new(ChangeOutcome.Done, []);
    public static readonly ChangeResult NotFound = new(ChangeOutcome.NotFound, []);
}

/// <summary>
/// Scheduling performances and painting their seats into grades. The grade plan's rules are the
/// Domain's (<see cref="GradePlan"/>); the database decides which seats are still free to remap:
/// every grade change is a conditional UPDATE on available rows only.
/// </summary>
public sealed class PerformanceAdminService(IDbContextFactory<AtTicketDbContext> contexts, CatalogCacheInvalidator cache, ISeatChangeNotifier notifier)
{
    private const int MaxStartTimes = 100;

    private static Refusal StartTimesOutOfRange =>
        new(RefusalCode.StartTimesOutOfRange, $"Choose between 1 and {MaxStartTimes} start times.", 1, MaxStartTimes);

    private static Refusal StartTimeListedTwice => new(RefusalCode.StartTimeListedTwice, "The same start time is listed twice.");

    private static Refusal GradeIdNotOfPerformance => new(RefusalCode.GradeIdNotOfPerformance, "A grade does not belong to this performance.");

    /// <summary>One performance per start time, each with the same grades and mapping, in one transaction.</summary>
    public async Task<IReadOnlyList<int>?> ScheduleAsync(
        int productId,
        int hallId,
        IReadOnlyList<DateTimeOffset> startTimes,
        IReadOnlyList<GradeSeats> grades,
        bool requireEverySeat,
        CancellationToken cancellationToken = default)
    {
        Guard.That(startTimes.Count is > 0 and <= MaxStartTimes, StartTimesOutOfRange);
        Guard.That(startTimes.Distinct().Count() == startTimes.Count, StartTimeListedTwice);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, cancellationToken);
        var hall = await db.Halls.SingleOrDefaultAsync(h => h.Id == hallId, cancellationToken);
        if (product is null || hall is null)
        {
            return null;
        }

        var hallSeatIds = await db.Seats.Where(s => s.HallId == hallId).Select(s => s.Id).ToListAsync(cancellationToken);
        GradePlan.Validate(hallSeatIds, grades, requireEverySeat);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var performances = startTimes.Order().Select(start =>
        {
            var performance = new Performance(product, hall, start);
            foreach (var grade in grades)
            {
                performance.AddGrade(grade.Name, grade.Price, grade.Color);
            }

            return performance;
        }).ToList();
        db.Performances.AddRange(performances);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var performance in performances)
        {
            await PerformanceSeatWriter.CreateSeatsAsync(db, performance.Id, hallId, cancellationToken);
            foreach (var grade in grades)
            {
                var gradeId = performance.Grades.Single(g => g.Name == grade.Name.Trim()).Id;
                await PerformanceSeatWriter.AssignGradeAsync(db, performance.Id, gradeId, grade.SeatIds, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return [.. performances.Select(p => p.Id)];
    }

    /// <summary>
    /// Replaces a performance's grades and mapping. Grades with an id are changed, others added,
    /// missing ones removed. Seats left out of every grade become unmapped. Held and sold seats
    /// must keep their grade; if they would not, nothing changes and their ids are returned.
    /// </summary>
    public async Task<ChangeResult> UpdateAsync(int performanceId, DateTimeOffset startsAt, IReadOnlyList<GradeSeats> grades, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var performance = await db.Performances.Include(p => p.Grades).SingleOrDefaultAsync(p => p.Id == performanceId, cancellationToken);
        if (performance is null)
        {
            return ChangeResult.NotFound;
        }

        var hallSeatIds = await db.Seats.Where(s => s.HallId == performance.HallId).Select(s => s.Id).ToListAsync(cancellationToken);
        GradePlan.Validate(hallSeatIds, grades, requireEverySeat: performance.Status == PerformanceStatus.OnSale);
        var foreign = grades.Select((g, index) => (g.GradeId, index)).FirstOrDefault(g => g.GradeId is not null && performance.Grades.All(e => e.Id != g.GradeId));
        Guard.That(foreign.GradeId is null, GradeIdNotOfPerformance, $"grades[{foreign.index}].id");

        var locked = await LockedSeatsAsync(db, performanceId, cancellationToken);
        var conflicts = GradePlan.LockedSeatsMoved(locked, grades);
        if (conflicts.Count > 0)
        {
            return new ChangeResult(ChangeOutcome.SeatsLocked, conflicts);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        performance.Reschedule(startsAt);
        var kept = grades.Where(g => g.GradeId is not null).Select(g => g.GradeId!.Value).ToHashSet();
        await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId)
            .Where(PerformanceSeat.Unclaimed)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.GradeId, (int?)null).SetProperty(s => s.Version, s => s.Version + 1), cancellationToken);

        // Rename in two steps so that swapping two grades' names never collides with the unique index.
        foreach (var grade in performance.Grades.Where(g => kept.Contains(g.Id)))
        {
            grade.Change($"~{grade.Id}", grade.Price, grade.Color);
        }

        foreach (var removed in performance.Grades.Where(g => !kept.Contains(g.Id)).ToList())
        {
            db.SeatGrades.Remove(removed);
        }

        await db.SaveChangesAsync(cancellationToken);
        var gradeIds = new List<(GradeSeats Plan, SeatGrade Entity)>();
        foreach (var plan in grades)
        {
            var entity = plan.GradeId is { } id ? performance.Grades.Single(g => g.Id == id) : performance.AddGrade($"~new{gradeIds.Count}", plan.Price, plan.Color);
            gradeIds.Add((plan, entity));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (plan, entity) in gradeIds)
        {
            entity.Change(plan.Name, plan.Price, plan.Color);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (plan, entity) in gradeIds)
        {
            await PerformanceSeatWriter.AssignGradeAsync(db, performanceId, entity.Id, plan.SeatIds, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        await notifier.SeatingChangedAsync(performanceId, CancellationToken.None); // grades repainted: every node reads the seats again
        return ChangeResult.Done;
    }

    public async Task<bool> PutOnSaleAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var performance = await db.Performances.Include(p => p.Grades).Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == performanceId, cancellationToken);
        if (performance is null)
        {
            return false;
        }

        var unmapped = await db.PerformanceSeats.CountAsync(s => s.PerformanceId == performanceId && s.GradeId == null, cancellationToken);
        performance.PutOnSale(unmapped);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes a performance nobody holds or has bought a seat of.</summary>
    public async Task<ChangeResult> DeleteAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Performances.AnyAsync(p => p.Id == performanceId, cancellationToken))
        {
            return ChangeResult.NotFound;
        }

        var locked = await LockedSeatsAsync(db, performanceId, cancellationToken);
        if (locked.Count > 0 || await db.Bookings.AnyAsync(b => b.PerformanceId == performanceId, cancellationToken))
        {
            return new ChangeResult(ChangeOutcome.SeatsLocked, [.. locked.Select(l => l.SeatId)]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PerformanceRemoval.DeleteAsync(db, db.Performances.Where(p => p.Id == performanceId).Select(p => p.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return ChangeResult.Done;
    }

    private static async Task<List<(int SeatId, int? GradeId)>> LockedSeatsAsync(AtTicketDbContext db, int performanceId, CancellationToken cancellationToken) =>
        (await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId)
            .Where(PerformanceSeat.Claimed)
            .Select(s => new { s.SeatId, s.GradeId })
            .ToListAsync(cancellationToken))
        .Select(s => (s.SeatId, s.GradeId))
        .ToList();
}
