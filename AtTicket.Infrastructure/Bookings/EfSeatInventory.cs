using Microsoft.EntityFrameworkCore.Storage;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// Seat decisions as single conditional UPDATEs, never read-then-write: a seat changes hands only if
/// it is free (available, or held by a hold that has expired) at the moment the UPDATE runs.
/// SQLite serialises writers; MySQL locks the rows, in key order.
/// </summary>
public sealed class EfSeatInventory(IDbContextFactory<AtTicketDbContext> contexts, BookingLimits limits) : ISeatInventory
{

    public async Task<MemberHoldings> GetHoldingsAsync(string memberId, int performanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CountHoldingsAsync(db, memberId, performanceId, now, cancellationToken);
    }

    /// <summary>The rule of <see cref="HoldingsSql"/>, inside the context's transaction when it has one.</summary>
    private static async Task<MemberHoldings> CountHoldingsAsync(AtTicketDbContext db, string memberId, int performanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = new SeatSql(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var count = sql.Command(db.Database.GetDbConnection(), $"SELECT {HoldingsSql.Columns};");
            count.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            sql.Bind<SeatHold>(count, "@member", nameof(SeatHold.MemberId), memberId);
            sql.Bind<SeatHold>(count, "@performance", nameof(SeatHold.PerformanceId), performanceId);
            sql.Bind<SeatHold>(count, "@now", nameof(SeatHold.ExpiresAt), now);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new MemberHoldings(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task<HoldResult> HoldAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithRetriesAsync(db => new HoldRoundTrips(db, limits).HoldAsync(hold, now, cancellationToken), inTransaction: false, cancellationToken);

    public Task<HoldResult> HoldBestAvailableAsync(HoldDraft draft, int gradeId, int quantity, bool includeAccessible, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithRetriesAsync(async db =>
        {
            await EnsureLimitsAsync(db, draft.MemberId, draft.PerformanceId, quantity, now, cancellationToken);
            if (await RefuseUnlessOnSaleAsync(db, draft.PerformanceId, now, cancellationToken) is { } refused)
            {
                return refused;
            }

            if (!await db.SeatGrades.AnyAsync(g => g.Id == gradeId && g.PerformanceId == draft.PerformanceId, cancellationToken))
            {
                return HoldResult.NoSuchGrade();
            }

            // Read and take inside one transaction; if another buyer wins a seat in between, the
            // conditional UPDATE changes fewer rows, everything rolls back and the pick runs again.
            var free = await db.PerformanceSeats
                .Where(s => s.PerformanceId == draft.PerformanceId && s.GradeId == gradeId)
                .Where(PerformanceSeat.FreeAt(now))
                .Select(s => new CandidateSeat(s.SeatId, s.Seat!.Section, s.Seat.Row, s.Seat.X, s.Seat.Y, s.Seat.Kind))
                .ToListAsync(cancellationToken);
            var chosen = SeatPicker.Choose(free, quantity, includeAccessible);
            if (chosen.Count == 0)
            {
                return HoldResult.Taken([]);
            }

            var hold = draft.WithSeats(chosen);
            if (await TakeAsync(db, hold, now, cancellationToken) != chosen.Count)
            {
                throw new SeatRaceLostException();
            }

            db.SeatHolds.Add(hold);
            await db.SaveChangesAsync(cancellationToken);
            return HoldResult.Held(hold);
        }, inTransaction: true, cancellationToken);

    public async Task<SeatHold?> FindHoldAsync(Guid holdId, string memberId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SeatHolds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == holdId && h.MemberId == memberId, cancellationToken);
    }

    public Task<ReleasedHold?> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken) =>
        TransientRetry.RunAsync(contexts, db => new ReleaseRoundTrips(db).ReleaseAsync(holdId, memberId, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<ReleasedSeats>> ReleaseExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = await db.SeatHolds
            .AsNoTracking()
            .Where(h => h.Status == HoldStatus.Active && h.ExpiresAt < now)
            .OrderBy(h => h.ExpiresAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var released = new List<ReleasedSeats>();
        foreach (var hold in expired)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Claim the hold: of several sweepers (one per node), exactly one gets it.
            var claimed = await db.SeatHolds
                .Where(h => h.Id == hold.Id && h.Status == HoldStatus.Active)
                .ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, HoldStatus.Expired), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            // Mark exactly the seats still held by this hold and still expired (a seat someone
            // re-took since, or a confirmation sold, is left alone); the UPDATE also locks them
            // until commit, so the list read next is exactly what gets freed.
            var releaseId = Guid.NewGuid();
            await db.PerformanceSeats
                .Where(s => s.HoldId == hold.Id && s.Status == SeatStatus.Held)
                .Where(PerformanceSeat.FreeAt(now))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.HoldId, releaseId).SetProperty(s => s.Version, s => s.Version + 1), cancellationToken);
            var freed = await db.PerformanceSeats.Where(s => s.HoldId == releaseId).Select(s => s.SeatId).ToListAsync(cancellationToken);
            await FreeSeatsAsync(db, releaseId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (freed.Count > 0)
            {
                released.Add(new ReleasedSeats(hold.PerformanceId, freed));
            }
        }

        return released;
    }

    /// <summary>
    /// The per-member limits, counted again inside the hold's transaction, with the member's row
    /// locked on MySQL (SQLite runs one writer at a time), so parallel requests cannot pass them together.
    /// </summary>
    private async Task EnsureLimitsAsync(AtTicketDbContext db, string memberId, int performanceId, int seats, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.IsMySql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT Id FROM AspNetUsers WHERE Id = {memberId} FOR UPDATE", cancellationToken);
        }

        var holdings = await CountHoldingsAsync(db, memberId, performanceId, now, cancellationToken);
        limits.EnsureAllowed(seats, holdings.SeatsForPerformance, holdings.ActiveHolds);
    }

    private static Task<int> TakeAsync(AtTicketDbContext db, SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seatIds = hold.SeatIds;
        return db.PerformanceSeats
            .Where(s => s.PerformanceId == hold.PerformanceId && seatIds.Contains(s.SeatId) && s.GradeId != null)
            .Where(PerformanceSeat.FreeAt(now))
            .ExecuteUpdateAsync(
                update => update
                    .SetProperty(s => s.Status, SeatStatus.Held)
                    .SetProperty(s => s.Version, s => s.Version + 1)
                    .SetProperty(s => s.HoldId, hold.Id)
                    .SetProperty(s => s.HeldUntil, hold.ExpiresAt)
                    .SetProperty(s => s.BookingId, (Guid?)null),
                cancellationToken);
    }

    private static Task<int> FreeSeatsAsync(AtTicketDbContext db, Guid holdId, CancellationToken cancellationToken) =>
        db.PerformanceSeats
            .Where(s => s.HoldId == holdId && s.Status == SeatStatus.Held)
            .ExecuteUpdateAsync(
                update => update
                    .SetProperty(s => s.Status, SeatStatus.Available)
                    .SetProperty(s => s.Version, s => s.Version + 1)
                    .SetProperty(s => s.HoldId, (Guid?)null)
                    .SetProperty(s => s.HeldUntil, (DateTimeOffset?)null),
                cancellationToken);

    private static async Task<HoldResult?> RefuseUnlessOnSaleAsync(AtTicketDbContext db, int performanceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Performances.Where(p => p.Id == performanceId).AnyAsync(Performance.BookableAt(now), cancellationToken)
            ? null
            : HoldResult.NotOnSale();

    /// <summary>
    /// A hold with retries: a deadlock victim or a lost race starts over with fresh rows; still losing
    /// after every attempt, the buyer hears the seats were taken and chooses again. A database that cannot be
    /// reached is not a lost race: it propagates and the buyer hears the service is away (503), not that the seats went.
    /// </summary>
    private async Task<HoldResult> WithRetriesAsync(Func<AtTicketDbContext, Task<HoldResult>> attempt, bool inTransaction, CancellationToken cancellationToken)
    {
        static bool LostRace(Exception exception) => exception is SeatRaceLostException;
        try
        {
            return inTransaction
                ? await TransientRetry.InTransactionAsync(contexts, attempt, cancellationToken, LostRace)
                : await TransientRetry.RunAsync(contexts, attempt, cancellationToken, LostRace);
        }
        catch (Exception exception) when (TransientRetry.IsContention(exception) || LostRace(exception))
        {
            return HoldResult.Taken([]);
        }
    }

    private sealed class SeatRaceLostException() : Exception("Another buyer took a seat between the pick and the hold.");
}
