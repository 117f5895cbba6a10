using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Admin;

public sealed record AdminCounts(int ProductsOnSale, int UpcomingPerformances, int Venues, int ConfirmedBookings);

public sealed class AdminOverviewReader(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
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
}
