using System.Text.Json.Serialization;
using AtTicket.Infrastructure.Localization;

namespace AtTicket.Infrastructure.Admin;

public sealed record AdminCounts(int ProductsOnSale, int UpcomingPerformances, int Venues, int ConfirmedBookings);

/// <summary>A product whose sale opens soon, in both languages.</summary>
public sealed record OpeningSale(int ProductId, string Title, string TitleKo, DateTimeOffset SalesStart, ProductStatus Status)
{
    [JsonIgnore]
    public string DisplayTitle => ShowText.ForReader(Title, TitleKo);
}

/// <summary>
/// What is happening now: bookings confirmed since midnight in Korea (still confirmed) and their amount, holds
/// made and bookings confirmed per minute over the last <see cref="AdminOverviewReader.RateWindow"/>, and the
/// sales that open within <see cref="AdminOverviewReader.SoonWindow"/>, soonest first.
/// </summary>
public sealed record AdminActivity(int SalesToday, long AmountToday, double HoldsPerMinute, double BookingsPerMinute, IReadOnlyList<OpeningSale> OpeningSoon);

public sealed class AdminOverviewReader(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan SoonWindow = TimeSpan.FromDays(7);
    public const int MaxOpeningSoon = 10;

    public async Task<AdminCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new AdminCounts(
            await db.Products.CountAsync(p => p.Status == ProductStatus.OnSale, cancellationToken),
            await db.Performances.CountAsync(p => p.StartsAt > now, cancellationToken),
            await db.Venues.CountAsync(cancellationToken),
            await db.Bookings.CountAsync(b => b.Status == BookingStatus.Confirmed, cancellationToken));
    }

    public async Task<AdminActivity> GetActivityAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var midnight = new DateTimeOffset(now.ToOffset(Formats.Kst).Date, Formats.Kst); // the admins' day is Korea's
        var rateSince = now - RateWindow;
        var soonUntil = now + SoonWindow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = await db.Bookings
            .Where(b => b.Status == BookingStatus.Confirmed && b.ConfirmedAt >= midnight)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(b => b.TotalAmount) })
            .SingleOrDefaultAsync(cancellationToken);
        var holds = await db.SeatHolds.CountAsync(h => h.CreatedAt >= rateSince, cancellationToken);
        var bookings = await db.Bookings.CountAsync(b => b.ConfirmedAt >= rateSince, cancellationToken);
        var opening = await db.Products.AsNoTracking()
            .Where(p => p.Status != ProductStatus.Closed && p.SalesStart > now && p.SalesStart <= soonUntil)
            .OrderBy(p => p.SalesStart)
            .ThenBy(p => p.Id)
            .Take(MaxOpeningSoon)
            .Select(p => new OpeningSale(p.Id, p.Title, p.TitleKo, p.SalesStart, p.Status))
            .ToListAsync(cancellationToken);
        return new AdminActivity(today?.Count ?? 0, today?.Amount ?? 0, holds / RateWindow.TotalMinutes, bookings / RateWindow.TotalMinutes, opening);
    }
}
