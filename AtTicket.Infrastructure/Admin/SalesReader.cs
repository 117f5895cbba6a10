namespace AtTicket.Infrastructure.Admin;

public sealed record GradeSales(int GradeId, string Name, string Color, long Price, int Total, int Sold, int Held, int Remaining, long Revenue);

public sealed record PerformanceSales(int PerformanceId, IReadOnlyList<GradeSales> Grades)
{
    public int Total => Grades.Sum(g => g.Total);
    public int Sold => Grades.Sum(g => g.Sold);
    public long Revenue => Grades.Sum(g => g.Revenue);
    public double Occupancy => Total == 0 ? 0 : (double)Sold / Total;
}

/// <summary>Sales of one performance from the seat rows and confirmed tickets; live, never cached.</summary>
public sealed class SalesReader(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
    public async Task<PerformanceSales?> GetAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var grades = await db.SeatGrades.AsNoTracking().Where(g => g.PerformanceId == performanceId).ToListAsync(cancellationToken);
        if (grades.Count == 0 && !await db.Performances.AnyAsync(p => p.Id == performanceId, cancellationToken))
        {
            return null;
        }

        var free = PerformanceSeat.FreeAt(now);
        var counts = await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && s.GradeId != null)
            .GroupBy(s => s.GradeId)
            .Select(g => new
            {
                GradeId = g.Key!.Value,
                Total = g.Count(),
                Sold = g.Count(s => s.Status == SeatStatus.Sold),
                // Every seat is sold, free, or held by a live hold: what is neither sold nor free is held.
                Held = g.Count() - g.Count(s => s.Status == SeatStatus.Sold) - g.AsQueryable().Count(free),
            })
            .ToDictionaryAsync(c => c.GradeId, cancellationToken);

        var revenue = await (
                from ticket in db.Tickets
                join booking in db.Bookings on ticket.BookingId equals booking.Id
                join seat in db.PerformanceSeats on new { booking.PerformanceId, ticket.SeatId } equals new { seat.PerformanceId, seat.SeatId }
                where booking.PerformanceId == performanceId && booking.Status == BookingStatus.Confirmed
                group ticket by seat.GradeId into g
                select new { GradeId = g.Key, Revenue = g.Sum(t => t.Price) })
            .ToDictionaryAsync(r => r.GradeId ?? 0, r => r.Revenue, cancellationToken);

        return new PerformanceSales(
            performanceId,
            [.. grades.OrderByDescending(g => g.Price).Select(g =>
            {
                var c = counts.GetValueOrDefault(g.Id);
                var total = c?.Total ?? 0;
                var sold = c?.Sold ?? 0;
                var held = c?.Held ?? 0;
                return new GradeSales(g.Id, g.Name, g.Color, g.Price, total, sold, held, total - sold - held, revenue.GetValueOrDefault(g.Id));
            })]);
    }
}
