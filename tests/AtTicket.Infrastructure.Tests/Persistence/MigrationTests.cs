using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Tests.Persistence;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Migrations_apply_to_an_empty_database(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateEmptyAsync(provider);

        await database.MigrateAsync();

        await using var db = database.NewContext();
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));

        // Every table of the model exists and can be read.
        Assert.Equal(0, await db.Products.CountAsync(ct));
        Assert.Equal(0, await db.Venues.CountAsync(ct));
        Assert.Equal(0, await db.Halls.CountAsync(ct));
        Assert.Equal(0, await db.Seats.CountAsync(ct));
        Assert.Equal(0, await db.Performances.CountAsync(ct));
        Assert.Equal(0, await db.SeatGrades.CountAsync(ct));
        Assert.Equal(0, await db.PerformanceSeats.CountAsync(ct));
        Assert.Equal(0, await db.SeatHolds.CountAsync(ct));
        Assert.Equal(0, await db.Bookings.CountAsync(ct));
        Assert.Equal(0, await db.Tickets.CountAsync(ct));
        Assert.Equal(0, await db.MemberPreferences.CountAsync(ct));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(ct));
        Assert.Equal(0, await db.Users.CountAsync(ct));
        Assert.Equal(0, await db.Roles.CountAsync(ct));
        Assert.Equal(0, await db.UserRoles.CountAsync(ct));
    }

    [Fact]
    public async Task Migrating_an_empty_MariaDB_database_creates_the_seat_transition_procedures()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.MySql);

        await database.MigrateAsync();

        await using var db = database.NewContext();
        var procedures = await db.Database
            .SqlQuery<string>($"SELECT ROUTINE_NAME AS Value FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'PROCEDURE' ORDER BY ROUTINE_NAME")
            .ToListAsync(ct);
        Assert.Equal(["HoldSeats", "ReleaseHold", "SellHold"], procedures);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Migrations_match_the_model(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var db = database.NewContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes that no migration captures: add a migration.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Migrating_again_changes_nothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            db.Venues.Add(new Venue("Cine Hangang", "Yeongdeungpo-gu, Seoul"));
            await db.SaveChangesAsync(ct);
        }

        // A second start of the app runs the migrations again.
        await database.MigrateAsync();

        await using var after = database.NewContext();
        Assert.Equal(after.Database.GetMigrations(), await after.Database.GetAppliedMigrationsAsync(ct));
        Assert.Empty(await after.Database.GetPendingMigrationsAsync(ct));
        Assert.Equal("Cine Hangang", (await after.Venues.SingleAsync(ct)).Name);
    }
}
