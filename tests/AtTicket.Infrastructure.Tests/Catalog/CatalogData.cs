using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Tests.Catalog;

/// <summary>A hall made through the admin service: one section "Floor", rows A, B, ... of seats numbered from 1.</summary>
/// <param name="SeatIds">Row by row, left to right: A1, A2, ..., B1, B2, ...</param>
internal sealed record CreatedHall(int VenueId, int HallId, int SeatsPerRow, IReadOnlyList<int> SeatIds)
{
    /// <summary>The ids of one row, by its letter.</summary>
    public IReadOnlyList<int> Row(char label) => [.. SeatIds.Skip((label - 'A') * SeatsPerRow).Take(SeatsPerRow)];

    /// <summary>One seat's id, e.g. Seat('B', 3).</summary>
    public int Seat(char row, int number) => SeatIds[((row - 'A') * SeatsPerRow) + number - 1];
}

/// <summary>
/// Catalog data made the way an admin makes it, through the admin services of one app node
/// (a <see cref="TestDatabase"/>'s services or a second node's).
/// </summary>
internal static class CatalogData
{
    public const string Gold = "#b8860b";
    public const string Crimson = "#dc143c";
    public const string Navy = "#000080";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A start time a few days from now (the services use the system clock), on a whole minute.</summary>
    public static DateTimeOffset DaysFromNow(double days)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(days);
    }

    public static ProductInput Product(string title, ProductCategory category = ProductCategory.Musical, ProductStatus status = ProductStatus.OnSale) =>
        new(
            new(
                title,
                category,
                "A lighthouse, a storm and the songs that bring the ships home.",
                150,
                "8+",
                DateTimeOffset.UtcNow.AddDays(-7),
                DateTimeOffset.UtcNow.AddDays(90)),
            status,
            null);

    public static Task<int> CreateProductAsync(
        IServiceProvider node,
        string title,
        ProductCategory category = ProductCategory.Musical,
        ProductStatus status = ProductStatus.OnSale) =>
        node.GetRequiredService<ProductAdminService>().CreateAsync(Product(title, category, status), Ct);

    public static async Task<CreatedHall> CreateHallAsync(IServiceProvider node, int rows = 2, int seatsPerRow = 4, string? venueName = null)
    {
        var venues = node.GetRequiredService<VenueAdminService>();
        var venueId = await venues.CreateVenueAsync(venueName ?? $"Hanbit Arts Center {Unique.Suffix()}", "Seocho-gu, Seoul", Ct);
        var layout = new HallLayoutDocument(
            "Main Hall",
            [
                new SectionDocument(
                    "Floor",
                    [.. Enumerable.Range(0, rows).Select(r => new RowDocument(
                        ((char)('A' + r)).ToString(),
                        [.. Enumerable.Range(1, seatsPerRow).Select(n => new SeatDocument(null, n, n - 1, r))]))]),
            ]);
        var hallId = await venues.CreateHallAsync(venueId, layout, Ct) ?? throw new InvalidOperationException("The venue just created was not found.");
        var seatIds = await ReadAsync(node, db => db.Seats.Where(s => s.HallId == hallId).OrderBy(s => s.Y).ThenBy(s => s.X).Select(s => s.Id).ToListAsync(Ct));
        return new CreatedHall(venueId, hallId, seatsPerRow, seatIds);
    }

    public static GradeSeats Grade(string name, long price, IEnumerable<int> seatIds, string color = Gold, int? gradeId = null) =>
        new(gradeId, name, price, color, [.. seatIds]);

    /// <summary>Schedules through the admin service; seats left out of every grade stay unmapped.</summary>
    public static async Task<IReadOnlyList<int>> ScheduleAsync(
        IServiceProvider node,
        int productId,
        CreatedHall hall,
        IReadOnlyList<DateTimeOffset> startTimes,
        params GradeSeats[] grades) =>
        await node.GetRequiredService<PerformanceAdminService>().ScheduleAsync(productId, hall.HallId, startTimes, grades, requireEverySeat: false, Ct)
        ?? throw new InvalidOperationException("The product or hall just created was not found.");

    /// <summary>One performance with row A as VIP (150,000 won) and row B as R (100,000 won), put on sale.</summary>
    public static async Task<int> ScheduleOnSaleAsync(IServiceProvider node, int productId, CreatedHall hall, DateTimeOffset startsAt)
    {
        var id = (await ScheduleAsync(node, productId, hall, [startsAt], Grade("VIP", 150_000, hall.Row('A')), Grade("R", 100_000, hall.Row('B'), Crimson))).Single();
        Assert.True(await node.GetRequiredService<PerformanceAdminService>().PutOnSaleAsync(id, Ct));
        return id;
    }

    /// <summary>Grade ids of a performance by name.</summary>
    public static Task<Dictionary<string, int>> GradeIdsAsync(IServiceProvider node, int performanceId) =>
        ReadAsync(node, db => db.SeatGrades.Where(g => g.PerformanceId == performanceId).ToDictionaryAsync(g => g.Name, g => g.Id, Ct));

    /// <summary>Seat id to (grade id, status) for one performance, straight from the seat rows.</summary>
    public static async Task<Dictionary<int, (int? GradeId, SeatStatus Status)>> SeatRowsAsync(IServiceProvider node, int performanceId) =>
        (await ReadAsync(node, db => db.PerformanceSeats.AsNoTracking().Where(s => s.PerformanceId == performanceId).ToListAsync(Ct)))
        .ToDictionary(s => s.SeatId, s => (s.GradeId, s.Status));

    public static async Task<T> ReadAsync<T>(IServiceProvider node, Func<AtTicketDbContext, Task<T>> query)
    {
        await using var db = await node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct);
        return await query(db);
    }

    /// <summary>Puts available seats on hold the way the hot path does (one conditional UPDATE); <paramref name="heldUntil"/> in the past makes an expired hold.</summary>
    public static async Task HoldAsync(IServiceProvider node, int performanceId, IReadOnlyCollection<int> seatIds, DateTimeOffset heldUntil)
    {
        var holdId = Guid.NewGuid();
        var changed = await ReadAsync(node, db => db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && seatIds.Contains(s.SeatId) && s.Status == SeatStatus.Available)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Status, SeatStatus.Held)
                    .SetProperty(s => s.Version, s => s.Version + 1)
                    .SetProperty(s => s.HoldId, holdId)
                    .SetProperty(s => s.HeldUntil, heldUntil),
                Ct));
        Assert.Equal(seatIds.Count, changed);
    }

    /// <summary>Marks available seats sold to a booking (one conditional UPDATE).</summary>
    public static async Task SellAsync(IServiceProvider node, int performanceId, IReadOnlyCollection<int> seatIds, Guid? bookingId = null)
    {
        var booking = bookingId ?? Guid.NewGuid();
        var holdId = Guid.NewGuid();
        var changed = await ReadAsync(node, db => db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && seatIds.Contains(s.SeatId) && s.Status == SeatStatus.Available)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Status, SeatStatus.Sold)
                    .SetProperty(s => s.Version, s => s.Version + 1)
                    .SetProperty(s => s.HoldId, holdId)
                    .SetProperty(s => s.HeldUntil, (DateTimeOffset?)null)
                    .SetProperty(s => s.BookingId, booking),
                Ct));
        Assert.Equal(seatIds.Count, changed);
    }

    /// <summary>Back to available, as a release or a refund leaves a seat.</summary>
    public static async Task MakeAvailableAsync(IServiceProvider node, int performanceId, IReadOnlyCollection<int> seatIds)
    {
        var changed = await ReadAsync(node, db => db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && seatIds.Contains(s.SeatId))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Status, SeatStatus.Available)
                    .SetProperty(s => s.Version, s => s.Version + 1)
                    .SetProperty(s => s.HoldId, (Guid?)null)
                    .SetProperty(s => s.HeldUntil, (DateTimeOffset?)null)
                    .SetProperty(s => s.BookingId, (Guid?)null),
                Ct));
        Assert.Equal(seatIds.Count, changed);
    }

    /// <summary>
    /// A new member's booking of the given seats (grade name and price as sold). A confirmed booking
    /// also marks its seats sold; a cancelled one leaves them available, as a refund does.
    /// </summary>
    public static async Task<Booking> BookAsync(IServiceProvider node, int performanceId, BookingStatus status, params BookedSeat[] seats)
    {
        var member = MemberBuilder.Build();
        var now = DateTimeOffset.UtcNow;
        var booking = new Booking(Guid.NewGuid(), $"AT-{Unique.Suffix()}", member.Id, performanceId, Guid.NewGuid(), $"checkout-{Guid.NewGuid()}", seats, now);
        if (status is BookingStatus.Confirmed or BookingStatus.Cancelled)
        {
            booking.Confirm($"PAY-{Unique.Suffix()}", now);
        }

        if (status == BookingStatus.Cancelled)
        {
            booking.Cancel(now, now.AddDays(1));
        }

        await using (var db = await node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Users.Add(member);
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Ct);
        }

        if (status == BookingStatus.Confirmed)
        {
            await SellAsync(node, performanceId, [.. seats.Select(s => s.SeatId)], booking.Id);
        }

        return booking;
    }
}
