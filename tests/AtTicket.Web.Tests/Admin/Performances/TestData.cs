using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Admin.Performances;

/// <summary>Builds test data through the same services the admin pages use.</summary>
public sealed class TestData(IServiceProvider services)
{
    /// <summary>
    /// 20 seats: section "Floor" with rows A-C of 4 seats (y 0-2) and section "Balcony" with rows
    /// A-B of 4 seats (y 5-6), each seat one unit wide.
    /// </summary>
    public async Task<HallLayout> HallAsync()
    {
        var venues = services.GetRequiredService<VenueAdminService>();
        var venueId = await venues.CreateVenueAsync("Test Arts Centre", "Jung-gu, Seoul");
        var layout = new HallLayoutDocument("Small Hall",
        [
            Section("Floor", rows: 3, seats: 4, top: 0),
            Section("Balcony", rows: 2, seats: 4, top: 5),
        ]);
        var hallId = await venues.CreateHallAsync(venueId, layout) ?? throw new InvalidOperationException("The venue was not created.");
        return (await services.GetRequiredService<CatalogReader>().GetHallLayoutAsync(hallId))!;
    }

    public Task<int> ProductAsync(ProductCategory category, string title = "Test Show", ProductStatus status = ProductStatus.OnSale) =>
        services.GetRequiredService<ProductAdminService>().CreateAsync(new ProductInput(
            new(
                title,
                category,
                "A show for the tests.",
                RunningMinutes: 120,
                AgeRating: "All",
                SalesStart: DateTimeOffset.UtcNow.AddDays(-1),
                SalesEnd: DateTimeOffset.UtcNow.AddDays(60)),
            status,
            PosterUrl: null));

    /// <summary>One performance next week with the given grades painted, through the admin service.</summary>
    public async Task<int> PerformanceAsync(int productId, HallLayout hall, params GradeSeats[] grades)
    {
        var ids = await services.GetRequiredService<PerformanceAdminService>().ScheduleAsync(
            productId, hall.Id, [DateTimeOffset.UtcNow.AddDays(7)], grades, requireEverySeat: false);
        return ids!.Single();
    }

    /// <summary>What a confirmed booking leaves behind on the seat row, without the booking.</summary>
    public async Task MarkSoldAsync(int performanceId, int seatId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var changed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE PerformanceSeats SET Status = 'Sold' WHERE PerformanceId = {performanceId} AND SeatId = {seatId}");
        Assert.Equal(1, changed);
    }

    /// <summary>Seats per performance and grade name, counted by the database ("" for no grade).</summary>
    public async Task<Dictionary<(int PerformanceId, string Grade), int>> SeatsPerGradeAsync(int productId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var rows = await db.PerformanceSeats
            .Where(s => s.Performance!.ProductId == productId)
            .GroupBy(s => new { s.PerformanceId, Grade = s.Grade == null ? "" : s.Grade.Name })
            .Select(g => new { g.Key.PerformanceId, g.Key.Grade, Count = g.Count() })
            .ToListAsync();
        return rows.ToDictionary(r => (r.PerformanceId, r.Grade), r => r.Count);
    }

    public async Task<string?> GradeOfSeatAsync(int performanceId, int seatId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && s.SeatId == seatId)
            .Select(s => s.Grade!.Name)
            .SingleAsync();
    }

    public async Task<DateTimeOffset> StartOfAsync(int performanceId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Performances.Where(p => p.Id == performanceId).Select(p => p.StartsAt).SingleAsync();
    }

    public async Task<List<PerformanceStatus>> StatusesAsync(int productId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Performances.Where(p => p.ProductId == productId).Select(p => p.Status).ToListAsync();
    }

    private IDbContextFactory<AtTicketDbContext> Contexts => services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>();

    private static SectionDocument Section(string name, int rows, int seats, double top) =>
        new(name, [.. Enumerable.Range(0, rows).Select(r => new RowDocument(
            ((char)('A' + r)).ToString(),
            [.. Enumerable.Range(0, seats).Select(i => new SeatDocument(null, i + 1, X: i, Y: top + r))]))]);
}
