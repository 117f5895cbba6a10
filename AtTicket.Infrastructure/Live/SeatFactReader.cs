namespace AtTicket.Infrastructure.Live;

/// <summary>Where a node reads seat facts from when it needs the whole performance or some seats again.</summary>
public interface ISeatFactSource
{
    Task<IReadOnlyList<SeatFact>> ReadAllAsync(int performanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SeatFact>> ReadAsync(int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default);
}

/// <summary>Seat rows as facts (state and version), read from the database for the live states and announcements.</summary>
public sealed class SeatFactReader(IDbContextFactory<AtTicketDbContext> contexts) : ISeatFactSource
{
    public async Task<IReadOnlyList<SeatFact>> ReadAllAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PerformanceSeats.AsNoTracking()
            .Where(s => s.PerformanceId == performanceId)
            .Select(s => new SeatFact(s.SeatId, s.GradeId, s.Status, s.HeldUntil, s.Version))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SeatFact>> ReadAsync(int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default)
    {
        var ids = seatIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PerformanceSeats.AsNoTracking()
            .Where(s => s.PerformanceId == performanceId && ids.Contains(s.SeatId))
            .OrderBy(s => s.SeatId)
            .Select(s => new SeatFact(s.SeatId, s.GradeId, s.Status, s.HeldUntil, s.Version))
            .ToListAsync(cancellationToken);
    }
}
