using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Catalog;

public sealed class PerformanceAdminServiceTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Scheduling_three_start_times_creates_three_performances_with_every_seat_mapped(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services, rows: 3, seatsPerRow: 5);
        var productId = await CreateProductAsync(services, $"Every Evening {Unique.Suffix()}");
        var first = DaysFromNow(7);
        DateTimeOffset[] evenings = [first.AddDays(2), first, first.AddDays(1)];

        var ids = await services.GetRequiredService<PerformanceAdminService>().ScheduleAsync(
            productId,
            hall.HallId,
            evenings,
            [Grade("VIP", 150_000, hall.Row('A')), Grade("R", 100_000, [.. hall.Row('B'), .. hall.Row('C')], Crimson)],
            requireEverySeat: true,
            Ct);

        Assert.NotNull(ids);
        var performances = await ReadAsync(services, db => db.Performances.AsNoTracking().Include(p => p.Grades).Where(p => ids.Contains(p.Id)).ToListAsync(Ct));
        var counts = await ReadAsync(services, db => db.PerformanceSeats
            .Where(s => ids.Contains(s.PerformanceId))
            .GroupBy(s => new { s.PerformanceId, s.GradeId, s.Status })
            .Select(g => new { g.Key.PerformanceId, g.Key.GradeId, g.Key.Status, Seats = g.Count() })
            .ToListAsync(Ct));
        var gradeNames = performances.SelectMany(p => p.Grades).ToDictionary(g => g.Id, g => g.Name);

        // In start-time order, each its own grades, every seat of the hall mapped and available.
        Assert.Equal(3, ids.Count);
        Assert.Equal([first, first.AddDays(1), first.AddDays(2)], ids.Select(id => performances.Single(p => p.Id == id).StartsAt));
        Assert.All(performances, p => Assert.Equal(
            [("VIP", 150_000L), ("R", 100_000L)],
            p.Grades.OrderByDescending(g => g.Price).Select(g => (g.Name, g.Price))));
        Assert.All(performances, p => Assert.Equal(PerformanceStatus.Draft, p.Status));
        Assert.All(ids, id => Assert.Equal(
            [("R", SeatStatus.Available, 10), ("VIP", SeatStatus.Available, 5)],
            counts.Where(c => c.PerformanceId == id).Select(c => (c.GradeId is { } g ? gradeNames[g] : "(none)", c.Status, c.Seats)).Order()));
        Assert.Equal(45, counts.Sum(c => c.Seats));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Scheduling_refuses_a_plan_that_leaves_a_seat_without_a_grade_when_every_seat_is_required(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var productId = await CreateProductAsync(services, $"Half Mapped {Unique.Suffix()}");

        var error = await Assert.ThrowsAsync<DomainException>(() => services.GetRequiredService<PerformanceAdminService>().ScheduleAsync(
            productId, hall.HallId, [DaysFromNow(7), DaysFromNow(8)], [Grade("VIP", 150_000, hall.Row('A'))], requireEverySeat: true, Ct));

        Assert.Equal("Every seat needs a grade: 4 seats have none.", error.Message);
        Assert.Equal(0, await ReadAsync(services, db => db.Performances.CountAsync(p => p.ProductId == productId, Ct)));
    }

    [Theory]
    [InlineData(0, false, RefusalCode.StartTimesOutOfRange, "Choose between 1 and 100 start times.")]
    [InlineData(101, false, RefusalCode.StartTimesOutOfRange, "Choose between 1 and 100 start times.")]
    [InlineData(2, true, RefusalCode.StartTimeListedTwice, "The same start time is listed twice.")]
    public async Task Scheduling_refuses_too_few_or_too_many_start_times_and_one_listed_twice(int count, bool repeatFirst, RefusalCode expected, string english)
    {
        var services = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var hall = await CreateHallAsync(services);
        var productId = await CreateProductAsync(services, $"Bad Series {Unique.Suffix()}");
        var startTimes = Enumerable.Range(0, count).Select(day => DaysFromNow(7 + (repeatFirst ? 0 : day))).ToList();

        var error = await Assert.ThrowsAsync<DomainException>(() => services.GetRequiredService<PerformanceAdminService>().ScheduleAsync(
            productId, hall.HallId, startTimes, [Grade("VIP", 150_000, hall.Row('A'))], requireEverySeat: true, Ct));

        Assert.Equal(expected, error.Refusal?.Code);
        Assert.Equal(english, error.Message);
        Assert.Equal(0, await ReadAsync(services, db => db.Performances.CountAsync(p => p.ProductId == productId, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Updating_a_performance_refuses_when_a_sold_or_held_seat_would_change_grade_and_changes_nothing(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var startsAt = DaysFromNow(9);
        var performanceId = await ScheduleOnSaleAsync(services, await CreateProductAsync(services, $"Locked Seats {Unique.Suffix()}"), hall, startsAt);
        var grades = await GradeIdsAsync(services, performanceId);
        await SellAsync(services, performanceId, [hall.Seat('A', 1)]);
        await HoldAsync(services, performanceId, [hall.Seat('B', 2)], DateTimeOffset.UtcNow.AddMinutes(5));
        var before = await SnapshotAsync(services, performanceId);

        // Swap the rows' grades, reprice and move the date: A1 (sold, VIP) and B2 (held, R) would change grade.
        var result = await services.GetRequiredService<PerformanceAdminService>().UpdateAsync(
            performanceId,
            startsAt.AddDays(1),
            [Grade("VIP", 200_000, hall.Row('B'), gradeId: grades["VIP"]), Grade("R", 90_000, hall.Row('A'), Crimson, grades["R"])],
            Ct);

        Assert.Equal(ChangeOutcome.SeatsLocked, result.Outcome);
        Assert.Equal([hall.Seat('A', 1), hall.Seat('B', 2)], result.LockedSeatIds.Order());
        Assert.Equal(before, await SnapshotAsync(services, performanceId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Updating_a_performance_that_keeps_sold_seats_in_their_grade_succeeds(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var startsAt = DaysFromNow(9);
        var performanceId = await ScheduleOnSaleAsync(services, await CreateProductAsync(services, $"Kept Seats {Unique.Suffix()}"), hall, startsAt);
        var grades = await GradeIdsAsync(services, performanceId);
        var bookingId = Guid.NewGuid();
        await SellAsync(services, performanceId, [hall.Seat('A', 1)], bookingId);
        await HoldAsync(services, performanceId, [hall.Seat('B', 4)], DateTimeOffset.UtcNow.AddMinutes(5));
        var reader = services.GetRequiredService<CatalogReader>();
        Assert.Equal(150_000, (await reader.GetPerformanceAsync(performanceId, includeUnpublished: false, Ct))!.Grades[0].Price);

        // VIP shrinks to A1-A2 and costs more, R takes A3-A4 and row B, and a new grade S appears
        // (empty, since every seat is already painted); A1 and B4 stay in their grades.
        var result = await services.GetRequiredService<PerformanceAdminService>().UpdateAsync(
            performanceId,
            startsAt.AddHours(2),
            [
                Grade("VIP", 170_000, [hall.Seat('A', 1), hall.Seat('A', 2)], gradeId: grades["VIP"]),
                Grade("R", 110_000, [hall.Seat('A', 3), hall.Seat('A', 4), .. hall.Row('B')], Crimson, grades["R"]),
                Grade("S", 60_000, [], Navy),
            ],
            Ct);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var snapshot = await SnapshotAsync(services, performanceId);
        Assert.Equal(startsAt.AddHours(2), snapshot.StartsAt);
        Assert.Equal("R 110000 #dc143c, S 60000 #000080, VIP 170000 #b8860b", snapshot.Grades);
        Assert.Equal(
            "A1 VIP Sold, A2 VIP Available, A3 R Available, A4 R Available, B1 R Available, B2 R Available, B3 R Available, B4 R Held",
            snapshot.Seats);
        Assert.Equal(bookingId, await ReadAsync(services, db => db.PerformanceSeats.Where(s => s.PerformanceId == performanceId && s.SeatId == hall.Seat('A', 1)).Select(s => s.BookingId).SingleAsync(Ct)));
        Assert.Equal(grades["VIP"], (await GradeIdsAsync(services, performanceId))["VIP"]);

        // The edit returned, so the cached performance is fresh.
        Assert.Equal([170_000L, 110_000L, 60_000L], (await reader.GetPerformanceAsync(performanceId, includeUnpublished: false, Ct))!.Grades.Select(g => g.Price));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_grades_can_swap_names_in_one_update(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var startsAt = DaysFromNow(9);
        var performanceId = (await ScheduleAsync(services, await CreateProductAsync(services, $"Swapped {Unique.Suffix()}"), hall, [startsAt], Grade("VIP", 150_000, hall.Row('A')), Grade("R", 100_000, hall.Row('B'), Crimson))).Single();
        var grades = await GradeIdsAsync(services, performanceId);

        var result = await services.GetRequiredService<PerformanceAdminService>().UpdateAsync(
            performanceId,
            startsAt,
            [Grade("R", 150_000, hall.Row('A'), gradeId: grades["VIP"]), Grade("VIP", 100_000, hall.Row('B'), Crimson, grades["R"])],
            Ct);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        Assert.Equal(new Dictionary<string, int> { ["R"] = grades["VIP"], ["VIP"] = grades["R"] }, await GradeIdsAsync(services, performanceId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Deleting_a_performance_is_refused_while_a_seat_is_held_and_removes_it_with_its_seats_once_free(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var productId = await CreateProductAsync(services, $"Cancelled Night {Unique.Suffix()}");
        var performanceId = await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(9));
        var performances = services.GetRequiredService<PerformanceAdminService>();
        await HoldAsync(services, performanceId, [hall.Seat('B', 1)], DateTimeOffset.UtcNow.AddMinutes(5));

        var refused = await performances.DeleteAsync(performanceId, Ct);

        Assert.Equal(ChangeOutcome.SeatsLocked, refused.Outcome);
        Assert.Equal([hall.Seat('B', 1)], refused.LockedSeatIds);
        Assert.Equal(8, await ReadAsync(services, db => db.PerformanceSeats.CountAsync(s => s.PerformanceId == performanceId, Ct)));

        await MakeAvailableAsync(services, performanceId, [hall.Seat('B', 1)]);
        var deleted = await performances.DeleteAsync(performanceId, Ct);

        Assert.Equal(ChangeOutcome.Done, deleted.Outcome);
        Assert.False(await ReadAsync(services, db => db.Performances.AnyAsync(p => p.Id == performanceId, Ct)));
        Assert.False(await ReadAsync(services, db => db.PerformanceSeats.AnyAsync(s => s.PerformanceId == performanceId, Ct)));
        Assert.False(await ReadAsync(services, db => db.SeatGrades.AnyAsync(g => g.PerformanceId == performanceId, Ct)));
        Assert.Equal(ChangeOutcome.NotFound, (await performances.DeleteAsync(performanceId, Ct)).Outcome);
        Assert.Null(await services.GetRequiredService<CatalogReader>().GetPerformanceAsync(performanceId, includeUnpublished: true, Ct));
    }

    /// <summary>Everything an update could change, as text that compares and reads well in a failure.</summary>
    private sealed record Snapshot(DateTimeOffset StartsAt, string Grades, string Seats);

    private static async Task<Snapshot> SnapshotAsync(IServiceProvider services, int performanceId)
    {
        var performance = await ReadAsync(services, db => db.Performances.AsNoTracking().Include(p => p.Grades).SingleAsync(p => p.Id == performanceId, Ct));
        var seats = await ReadAsync(services, db => db.PerformanceSeats.AsNoTracking()
            .Where(s => s.PerformanceId == performanceId)
            .Select(s => new { s.Seat!.Row, s.Seat.Number, Grade = s.Grade!.Name, s.Status })
            .ToListAsync(Ct));
        return new Snapshot(
            performance.StartsAt,
            string.Join(", ", performance.Grades.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => $"{g.Name} {g.Price} {g.Color}")),
            string.Join(", ", seats.OrderBy(s => s.Row, StringComparer.Ordinal).ThenBy(s => s.Number).Select(s => $"{s.Row}{s.Number} {s.Grade ?? "(none)"} {s.Status}")));
    }
}
