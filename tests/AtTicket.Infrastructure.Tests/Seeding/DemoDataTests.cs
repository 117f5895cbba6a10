using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Tests.Seeding;

/// <summary>The demo a newcomer sees after the first start with Seed:DemoData=true. Read-only: the database is shared by the class.</summary>
public sealed class DemoDataTests(SeededDatabases databases) : IClassFixture<SeededDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Demo_data_has_three_venues_and_a_hall_of_over_a_thousand_seats_in_sections(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var db = database.NewContext();

        var venues = await db.Venues.CountAsync(Ct);
        var halls = await db.Seats
            .GroupBy(s => s.HallId)
            .Select(g => new { HallId = g.Key, Seats = g.Count(), Sections = g.Select(s => s.Section).Distinct().Count() })
            .ToListAsync(Ct);

        Assert.True(venues >= 3, $"{venues} venues");
        Assert.Contains(halls, h => h.Seats >= 1_000 && h.Sections >= 3);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Demo_data_has_a_cinema_with_wheelchair_spaces(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var db = database.NewContext();

        var cinemaHalls = await db.Performances
            .Where(p => p.Product!.Category == ProductCategory.Movie)
            .Select(p => p.HallId)
            .Distinct()
            .ToListAsync(Ct);
        var wheelchairSpaces = await db.Seats.CountAsync(s => cinemaHalls.Contains(s.HallId) && s.Kind == SeatKind.Wheelchair, Ct);
        var companionSeats = await db.Seats.CountAsync(s => cinemaHalls.Contains(s.HallId) && s.Kind == SeatKind.Companion, Ct);

        Assert.NotEmpty(cinemaHalls);
        Assert.True(wheelchairSpaces > 0, "no wheelchair space in any hall that shows a movie");
        Assert.True(companionSeats > 0, "no companion seat in any hall that shows a movie");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Demo_data_has_products_in_every_category(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var db = database.NewContext();

        var categories = await db.Products.Where(p => p.Status == ProductStatus.OnSale).Select(p => p.Category).Distinct().ToListAsync(Ct);

        Assert.Equal(Enum.GetValues<ProductCategory>(), categories.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Demo_performances_are_in_the_future_and_on_sale(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var now = DateTimeOffset.UtcNow;
        await using var db = database.NewContext();

        var performances = await db.Performances.AsNoTracking().Include(p => p.Grades).ToListAsync(Ct);

        Assert.NotEmpty(performances);
        Assert.All(performances, p =>
        {
            Assert.True(p.StartsAt > now, $"performance {p.Id} started at {p.StartsAt:O}");
            Assert.Equal(PerformanceStatus.OnSale, p.Status);
            Assert.NotEmpty(p.Grades);
        });
        Assert.Equal(performances.Count, await db.Performances.CountAsync(p => p.StartsAt > now, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Every_seat_of_every_demo_performance_has_a_grade(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var db = database.NewContext();

        var ungraded = await db.PerformanceSeats.CountAsync(s => s.GradeId == null, Ct);
        var inventory = await db.PerformanceSeats
            .GroupBy(s => s.PerformanceId)
            .Select(g => new { PerformanceId = g.Key, Seats = g.Count() })
            .ToDictionaryAsync(x => x.PerformanceId, x => x.Seats, Ct);
        var hallSizes = await db.Performances
            .Select(p => new { p.Id, Seats = db.Seats.Count(s => s.HallId == p.HallId) })
            .ToDictionaryAsync(x => x.Id, x => x.Seats, Ct);
        var gradeOfAnotherPerformance = await db.PerformanceSeats.CountAsync(s => s.Grade!.PerformanceId != s.PerformanceId, Ct);

        Assert.Equal(0, ungraded);
        Assert.Equal(0, gradeOfAnotherPerformance);
        Assert.Equal(hallSizes, inventory);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Demo_accounts_sign_in_with_their_roles(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var scope = database.NewScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();

        Assert.Equal(3, DemoAccounts.All.Count);
        foreach (var account in DemoAccounts.All)
        {
            var member = await members.FindByEmailAsync(account.Email);
            Assert.True(member is not null, $"demo account {account.Email} is missing");
            Assert.True(await members.CheckPasswordAsync(member, account.Password), $"{account.Email} does not accept its documented password");
            Assert.Equal([account.Role], await members.GetRolesAsync(member));
            Assert.Equal(account.DisplayName, member.DisplayName);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_configured_admin_is_created_with_the_admin_role(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var scope = database.NewScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();

        var admin = await members.FindByEmailAsync(SeededDatabases.AdminEmail);

        Assert.NotNull(admin);
        Assert.True(await members.CheckPasswordAsync(admin, SeededDatabases.AdminPassword));
        Assert.Equal([Roles.Admin], await members.GetRolesAsync(admin));
    }
}
