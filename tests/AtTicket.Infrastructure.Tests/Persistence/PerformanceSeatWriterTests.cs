using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Tests.Persistence;

public sealed class PerformanceSeatWriterTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Creating_seats_adds_one_available_ungraded_row_per_seat_of_the_hall(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database, new HallBuilder().WithRows(3, 4));
        var sameHall = await SavedPerformance.CreateInSameHallAsync(database, performance);
        var elsewhere = await SavedPerformance.CreateAsync(database, new HallBuilder().WithRows(2, 2));

        await using var db = database.NewContext();
        var created = await PerformanceSeatWriter.CreateSeatsAsync(db, performance.PerformanceId, performance.HallId, Ct);
        await PerformanceSeatWriter.CreateSeatsAsync(db, sameHall.PerformanceId, sameHall.HallId, Ct);
        await PerformanceSeatWriter.CreateSeatsAsync(db, elsewhere.PerformanceId, elsewhere.HallId, Ct);

        var rows = await db.PerformanceSeats.AsNoTracking().Where(s => s.PerformanceId == performance.PerformanceId).ToListAsync(Ct);
        Assert.Equal(12, created);
        Assert.Equal(performance.SeatIds.Order(), rows.Select(s => s.SeatId).Order());
        Assert.All(rows, s => Assert.Equal((SeatStatus.Available, (int?)null, (Guid?)null, (DateTimeOffset?)null, (Guid?)null), (s.Status, s.GradeId, s.HoldId, s.HeldUntil, s.BookingId)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Remaining_seats_per_grade_come_from_one_grouped_count(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database, new HallBuilder().WithRows(4, 5), "VIP", "R", "S");
        var (vip, r, s) = (performance.GradeIds["VIP"], performance.GradeIds["R"], performance.GradeIds["S"]);
        var seats = performance.SeatIds; // rows A..D of 5 seats, in order
        await using var db = database.NewContext();
        await PerformanceSeatWriter.CreateSeatsAsync(db, performance.PerformanceId, performance.HallId, Ct);

        var painted = new[]
        {
            await PerformanceSeatWriter.AssignGradeAsync(db, performance.PerformanceId, vip, seats.Take(5), Ct),
            await PerformanceSeatWriter.AssignGradeAsync(db, performance.PerformanceId, r, seats.Skip(5).Take(10), Ct),
            await PerformanceSeatWriter.AssignGradeAsync(db, performance.PerformanceId, s, seats.Skip(15).Take(3), Ct),
        };
        await MarkAsync(db, performance.PerformanceId, seats[0], SeatStatus.Held);
        await MarkAsync(db, performance.PerformanceId, seats[5], SeatStatus.Sold);
        await MarkAsync(db, performance.PerformanceId, seats[6], SeatStatus.Sold);

        // Another performance in the same hall, fully graded and untouched: it must not leak into the counts.
        var other = await SavedPerformance.CreateInSameHallAsync(database, performance, "VIP");
        await PerformanceSeatWriter.CreateSeatsAsync(db, other.PerformanceId, other.HallId, Ct);
        await PerformanceSeatWriter.AssignGradeAsync(db, other.PerformanceId, other.GradeIds["VIP"], other.SeatIds, Ct);

        var remaining = await db.PerformanceSeats.AsNoTracking()
            .Where(p => p.PerformanceId == performance.PerformanceId && p.Status == SeatStatus.Available)
            .GroupBy(p => p.GradeId)
            .Select(g => new { GradeId = g.Key, Count = g.Count() })
            .ToListAsync(Ct);
        var mapped = await db.PerformanceSeats.AsNoTracking()
            .Where(p => p.PerformanceId == performance.PerformanceId)
            .GroupBy(p => p.GradeId)
            .Select(g => new { GradeId = g.Key, Count = g.Count() })
            .ToListAsync(Ct);

        Assert.Equal([5, 10, 3], painted);
        Assert.Equal(
            [(vip, 4), (r, 8), (s, 3), (null, 2)],
            remaining.Select(x => (x.GradeId, x.Count)).OrderBy(x => x.GradeId ?? int.MaxValue));
        Assert.Equal(
            [(vip, 5), (r, 10), (s, 3), (null, 2)],
            mapped.Select(x => (x.GradeId, x.Count)).OrderBy(x => x.GradeId ?? int.MaxValue));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Assigning_a_grade_leaves_held_and_sold_seats_in_theirs(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database, new HallBuilder().WithRows(1, 4));
        var (vip, r) = (performance.GradeIds["VIP"], performance.GradeIds["R"]);
        var seats = performance.SeatIds;
        await using var db = database.NewContext();
        await PerformanceSeatWriter.CreateSeatsAsync(db, performance.PerformanceId, performance.HallId, Ct);
        await PerformanceSeatWriter.AssignGradeAsync(db, performance.PerformanceId, vip, seats, Ct);
        await MarkAsync(db, performance.PerformanceId, seats[0], SeatStatus.Held);
        await MarkAsync(db, performance.PerformanceId, seats[1], SeatStatus.Sold);

        var changed = await PerformanceSeatWriter.AssignGradeAsync(db, performance.PerformanceId, r, seats, Ct);

        var grades = await db.PerformanceSeats.AsNoTracking()
            .Where(p => p.PerformanceId == performance.PerformanceId)
            .OrderBy(p => p.SeatId)
            .Select(p => p.GradeId)
            .ToListAsync(Ct);
        Assert.Equal(2, changed);
        Assert.Equal([vip, vip, r, r], grades);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Assigning_a_grade_to_no_seats_changes_nothing(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);
        await using var db = database.NewContext();
        await PerformanceSeatWriter.CreateSeatsAsync(db, performance.PerformanceId, performance.HallId, Ct);

        var changed = await PerformanceSeatWriter.AssignGradeAsync(db, performance.PerformanceId, performance.GradeIds["VIP"], [], Ct);

        Assert.Equal(0, changed);
        Assert.Equal(0, await db.PerformanceSeats.CountAsync(p => p.PerformanceId == performance.PerformanceId && p.GradeId != null, Ct));
    }

    /// <summary>Puts a seat into a sale state the way the hot path does: one conditional UPDATE.</summary>
    private static Task<int> MarkAsync(AtTicketDbContext db, int performanceId, int seatId, SeatStatus status)
    {
        var holdId = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        return db.PerformanceSeats
            .Where(p => p.PerformanceId == performanceId && p.SeatId == seatId && p.Status == SeatStatus.Available)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(p => p.Status, status)
                    .SetProperty(p => p.HoldId, holdId)
                    .SetProperty(p => p.HeldUntil, status == SeatStatus.Held ? TestClock.Start.AddMinutes(5) : null)
                    .SetProperty(p => p.BookingId, status == SeatStatus.Sold ? bookingId : null),
                Ct);
    }
}
