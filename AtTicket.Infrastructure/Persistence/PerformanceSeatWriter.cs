namespace AtTicket.Infrastructure.Persistence;

/// <summary>
/// Set-based writes of a performance's seat rows. Plain SQL with unquoted names, which SQLite and
/// MySQL read alike; seat ids are integers, so inlining them is safe and avoids per-provider list parameters.
/// </summary>
public static class PerformanceSeatWriter
{
    /// <summary>One row per seat of the hall, all available and without a grade, in one statement.</summary>
    public static Task<int> CreateSeatsAsync(AtTicketDbContext db, int performanceId, int hallId, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO PerformanceSeats (PerformanceId, SeatId, GradeId, Status)
            SELECT {performanceId}, Id, NULL, 'Available' FROM Seats WHERE HallId = {hallId}
            """,
            cancellationToken);

    /// <summary>Paints seats into a grade; held and sold seats keep theirs. Returns how many changed.</summary>
    public static Task<int> AssignGradeAsync(AtTicketDbContext db, int performanceId, int gradeId, IEnumerable<int> seatIds, CancellationToken cancellationToken = default)
    {
        var ids = string.Join(",", seatIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        if (ids.Length == 0)
        {
            return Task.FromResult(0);
        }

        var sql = string.Create(
            CultureInfo.InvariantCulture,
            $"UPDATE PerformanceSeats SET GradeId = {gradeId}, Version = Version + 1 WHERE PerformanceId = {performanceId} AND Status = 'Available' AND SeatId IN ({ids})");
        return db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
