using AtTicket.Domain.Bookings;
using AtTicket.Domain.Live;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api;

/// <summary>
/// Puts seats in the states the booking flow leaves them in (its API is not part of the catalog),
/// straight through the app's own database and the domain's state machine, announced to the live
/// state as the booking flow announces its own changes.
/// </summary>
public static class SeatSales
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Minji holds the seat for the next ten minutes.</summary>
    public static async Task HoldAsync(IServiceProvider services, int performanceId, int seatId)
    {
        await using var db = await CreateContextAsync(services);
        var seat = await db.PerformanceSeats.SingleAsync(s => s.PerformanceId == performanceId && s.SeatId == seatId, Cancellation);
        var now = DateTimeOffset.UtcNow;
        seat.Hold(Guid.NewGuid(), now.AddMinutes(10), now);
        await db.SaveChangesAsync(Cancellation);
        await AnnounceAsync(services, performanceId, seatId);
    }

    /// <summary>Minji buys the seat: a confirmed booking with one ticket, and the seat sold to it.</summary>
    public static async Task<Guid> SellAsync(IServiceProvider services, int performanceId, int seatId)
    {
        await using var db = await CreateContextAsync(services);
        var memberId = await db.Users.Where(u => u.Email == DemoAccounts.Minji.Email).Select(u => u.Id).SingleAsync(Cancellation);
        var seat = await db.PerformanceSeats.Include(s => s.Grade)
            .SingleAsync(s => s.PerformanceId == performanceId && s.SeatId == seatId, Cancellation);
        var now = DateTimeOffset.UtcNow;
        var holdId = Guid.NewGuid();
        var booking = new Booking(
            Guid.NewGuid(),
            $"T{Random.Shared.Next(10_000_000, 99_999_999)}",
            memberId,
            performanceId,
            holdId,
            Guid.NewGuid().ToString("N"),
            [new BookedSeat(seatId, seat.Grade!.Name, seat.Grade.Price)],
            now);
        booking.Confirm("test-payment", now);
        seat.Hold(holdId, now.AddMinutes(10), now);
        seat.Sell(holdId, booking.Id, now);
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(Cancellation);
        await AnnounceAsync(services, performanceId, seatId);
        return booking.Id;
    }

    private static Task AnnounceAsync(IServiceProvider services, int performanceId, int seatId) =>
        services.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(performanceId, [seatId], Cancellation);

    private static Task<AtTicketDbContext> CreateContextAsync(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);
}
