using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Tests;

/// <summary>One fixed moment the data is built around. An offset other than UTC shows that instants survive.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2030, 5, 1, 19, 30, 0, TimeSpan.FromHours(9));
}

internal static class Unique
{
    /// <summary>A short suffix that keeps names apart when tests share a database.</summary>
    public static string Suffix() => Guid.NewGuid().ToString("N")[..10];
}

/// <summary>A hall in a fresh venue: rows A, B, ... of one section, seats numbered from 1.</summary>
internal sealed class HallBuilder
{
    private string _venue = "Hanbit Concert Hall";
    private string _hall = "Main Hall";
    private string _section = "Floor";
    private int _rows = 2;
    private int _seatsPerRow = 3;

    public HallBuilder InVenue(string name)
    {
        _venue = name;
        return this;
    }

    public HallBuilder Named(string name)
    {
        _hall = name;
        return this;
    }

    public HallBuilder WithSection(string section)
    {
        _section = section;
        return this;
    }

    public HallBuilder WithRows(int rows, int seatsPerRow)
    {
        _rows = rows;
        _seatsPerRow = seatsPerRow;
        return this;
    }

    public Hall Build()
    {
        var venue = new Venue($"{_venue} {Unique.Suffix()}", "Seocho-gu, Seoul");
        var hall = venue.AddHall(_hall);
        for (var r = 0; r < _rows; r++)
        {
            for (var n = 1; n <= _seatsPerRow; n++)
            {
                hall.AddSeat(_section, ((char)('A' + r)).ToString(), n, n - 1, r);
            }
        }

        return hall;
    }
}

internal sealed class ProductBuilder
{
    private string _title = "The Lantern Keeper";
    private ProductCategory _category = ProductCategory.Musical;

    public ProductBuilder Titled(string title)
    {
        _title = title;
        return this;
    }

    public ProductBuilder InCategory(ProductCategory category)
    {
        _category = category;
        return this;
    }

    public Product Build() =>
        new(new ProductTerms(
            _title, _category, "A lighthouse, a storm and the songs that bring the ships home.", 150, "8+",
            TestClock.Start.AddDays(-7), TestClock.Start.AddDays(30)));
}

internal static class MemberBuilder
{
    /// <summary>A member as Identity would store it, without a password; enough for foreign keys.</summary>
    public static Member Build(string? email = null)
    {
        email ??= $"member-{Unique.Suffix()}@atticket.test";
        return new Member
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = "Kim Minji",
            SecurityStamp = Guid.NewGuid().ToString(),
        };
    }
}

/// <summary>What a test saved: a performance of a product in a hall, with its grades, by id.</summary>
internal sealed record SavedPerformance(int HallId, int PerformanceId, IReadOnlyList<int> SeatIds, IReadOnlyDictionary<string, int> GradeIds)
{
    /// <summary>
    /// Saves a hall, a product and a performance with the given grades (VIP and R when none are named).
    /// Performance seats are not created: that is <see cref="PerformanceSeatWriter"/>'s job.
    /// </summary>
    public static async Task<SavedPerformance> CreateAsync(TestDatabase database, HallBuilder? hall = null, params string[] grades)
    {
        await using var db = database.NewContext();
        return await SaveAsync(db, (hall ?? new HallBuilder()).Build(), grades);
    }

    /// <summary>A second performance of a new product in the hall of <paramref name="first"/>.</summary>
    public static async Task<SavedPerformance> CreateInSameHallAsync(TestDatabase database, SavedPerformance first, params string[] grades)
    {
        await using var db = database.NewContext();
        var hall = await db.Halls.Include(h => h.Seats).SingleAsync(h => h.Id == first.HallId, TestContext.Current.CancellationToken);
        return await SaveAsync(db, hall, grades);
    }

    private static async Task<SavedPerformance> SaveAsync(AtTicketDbContext db, Hall builtHall, string[] grades)
    {
        var ct = TestContext.Current.CancellationToken;
        var performance = new Performance(new ProductBuilder().Build(), builtHall, TestClock.Start.AddDays(10));
        var price = 150_000L;
        foreach (var grade in grades.Length > 0 ? grades : ["VIP", "R"])
        {
            performance.AddGrade(grade, price, "#b8860b");
            price -= 10_000;
        }

        db.Performances.Add(performance);
        await db.SaveChangesAsync(ct);
        return new SavedPerformance(
            builtHall.Id,
            performance.Id,
            [.. builtHall.Seats.Select(s => s.Id)],
            performance.Grades.ToDictionary(g => g.Name, g => g.Id));
    }
}
