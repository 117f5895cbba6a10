using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Tests.Persistence;

/// <summary>The database, not only the domain, refuses what the hot paths count on never happening.</summary>
public sealed class ConstraintTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_tickets_cannot_share_a_code(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);
        var member = await SaveMemberAsync(database);
        var first = NewBooking(member, performance, performance.SeatIds[0]);
        await SaveAsync(database, first);

        var second = NewBooking(member, performance, performance.SeatIds[1]);
        await using var db = database.NewContext();
        db.Bookings.Add(second);
        db.Entry(second.Tickets[0]).Property(t => t.Code).CurrentValue = first.Tickets[0].Code;
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        ConstraintViolations.AssertIs(ConstraintViolation.Unique, error);
        Assert.False(await database.ReadAsync(read => read.Bookings.AnyAsync(b => b.Id == second.Id, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_cannot_book_twice_with_one_idempotency_key(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);
        var member = await SaveMemberAsync(database);
        await SaveAsync(database, NewBooking(member, performance, performance.SeatIds[0], idempotencyKey: "checkout-1"));

        var replay = NewBooking(member, performance, performance.SeatIds[1], idempotencyKey: "checkout-1");
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(database, replay));

        ConstraintViolations.AssertIs(ConstraintViolation.Unique, error);
        Assert.Equal(1, await database.ReadAsync(read => read.Bookings.CountAsync(b => b.MemberId == member.Id, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_members_may_use_the_same_idempotency_key(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);
        var minji = await SaveMemberAsync(database);
        var jun = await SaveMemberAsync(database);

        await SaveAsync(database, NewBooking(minji, performance, performance.SeatIds[0], idempotencyKey: "checkout-1"));
        await SaveAsync(database, NewBooking(jun, performance, performance.SeatIds[1], idempotencyKey: "checkout-1"));

        Assert.Equal(2, await database.ReadAsync(read => read.Bookings.CountAsync(b => b.PerformanceId == performance.PerformanceId, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_hall_cannot_have_two_seats_with_the_same_label(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database, new HallBuilder().WithSection("Floor").WithRows(1, 2));

        // Another editor's copy of the hall, loaded before seat Floor A-1 existed as far as it knows.
        await using var db = database.NewContext();
        var hall = await db.Halls.SingleAsync(h => h.Id == performance.HallId, Ct);
        hall.AddSeat("Floor", "A", 1, 20, 20);
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        ConstraintViolations.AssertIs(ConstraintViolation.Unique, error);
        Assert.Equal(2, await database.ReadAsync(read => read.Seats.CountAsync(s => s.HallId == performance.HallId, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Another_hall_may_use_the_same_seat_label(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var first = await SavedPerformance.CreateAsync(database, new HallBuilder().WithSection("Floor").WithRows(1, 2));
        var second = await SavedPerformance.CreateAsync(database, new HallBuilder().WithSection("Floor").WithRows(1, 2));

        await using var db = database.NewContext();
        var labels = await db.Seats
            .Where(s => s.HallId == first.HallId || s.HallId == second.HallId)
            .Select(s => s.Section + " " + s.Row + "-" + s.Number)
            .ToListAsync(Ct);

        Assert.Equal(["Floor A-1", "Floor A-1", "Floor A-2", "Floor A-2"], labels.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_seat_a_performance_uses_cannot_be_deleted(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);
        await using (var setup = database.NewContext())
        {
            await PerformanceSeatWriter.CreateSeatsAsync(setup, performance.PerformanceId, performance.HallId, Ct);
        }

        await using var db = database.NewContext();
        db.Seats.Remove(await db.Seats.SingleAsync(s => s.Id == performance.SeatIds[0], Ct));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        ConstraintViolations.AssertIs(ConstraintViolation.ForeignKey, error);
        Assert.True(await database.ReadAsync(read => read.Seats.AnyAsync(s => s.Id == performance.SeatIds[0], Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_seat_no_performance_uses_can_be_deleted(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);

        await using (var db = database.NewContext())
        {
            db.Seats.Remove(await db.Seats.SingleAsync(s => s.Id == performance.SeatIds[0], Ct));
            await db.SaveChangesAsync(Ct);
        }

        Assert.False(await database.ReadAsync(read => read.Seats.AnyAsync(s => s.Id == performance.SeatIds[0], Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_grade_that_seats_are_mapped_to_cannot_be_deleted(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);
        var vip = performance.GradeIds["VIP"];
        await using (var setup = database.NewContext())
        {
            await PerformanceSeatWriter.CreateSeatsAsync(setup, performance.PerformanceId, performance.HallId, Ct);
            await PerformanceSeatWriter.AssignGradeAsync(setup, performance.PerformanceId, vip, performance.SeatIds, Ct);
        }

        await using var db = database.NewContext();
        db.SeatGrades.Remove(await db.SeatGrades.SingleAsync(g => g.Id == vip, Ct));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        ConstraintViolations.AssertIs(ConstraintViolation.ForeignKey, error);
    }

    private static Booking NewBooking(Member member, SavedPerformance performance, int seatId, string? idempotencyKey = null) =>
        new(
            Guid.NewGuid(),
            $"AT-{Unique.Suffix()}",
            member.Id,
            performance.PerformanceId,
            Guid.NewGuid(),
            idempotencyKey ?? $"checkout-{Guid.NewGuid()}",
            [new BookedSeat(seatId, "VIP", 150_000)],
            TestClock.Start);

    private static async Task<Member> SaveMemberAsync(TestDatabase database)
    {
        var member = MemberBuilder.Build();
        await SaveAsync(database, member);
        return member;
    }

    private static async Task SaveAsync(TestDatabase database, object entity)
    {
        await using var db = database.NewContext();
        db.Add(entity);
        await db.SaveChangesAsync(Ct);
    }
}
