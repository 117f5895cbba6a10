using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AtTicket.Infrastructure.Tests.Catalog;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>A performance on sale whose every seat is in one grade ("R", 100,000 won).</summary>
internal sealed record OnSalePerformance(int Id, CreatedHall Hall, int GradeId);

/// <summary>Members, performances and seat rows for the hold tests, made through the app's own services.</summary>
internal static class BookingData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Rows A, B, ... of <paramref name="seatsPerRow"/> seats, all grade R, starting ten days from now, on sale.</summary>
    public static async Task<OnSalePerformance> OnSaleAsync(IServiceProvider node, int rows = 2, int seatsPerRow = 4, DateTimeOffset? startsAt = null)
    {
        var performance = await DraftAsync(node, rows, seatsPerRow, startsAt);
        Assert.True(await node.GetRequiredService<PerformanceAdminService>().PutOnSaleAsync(performance.Id, Ct));
        return performance;
    }

    /// <summary>Scheduled and fully mapped, but not put on sale.</summary>
    public static async Task<OnSalePerformance> DraftAsync(IServiceProvider node, int rows = 2, int seatsPerRow = 4, DateTimeOffset? startsAt = null)
    {
        var hall = await CreateHallAsync(node, rows, seatsPerRow);
        var productId = await CreateProductAsync(node, $"Holds {Unique.Suffix()}");
        var id = (await ScheduleAsync(node, productId, hall, [startsAt ?? DaysFromNow(10)], Grade("R", 100_000, hall.SeatIds))).Single();
        return new OnSalePerformance(id, hall, (await GradeIdsAsync(node, id))["R"]);
    }

    /// <summary>Members as Identity stores them (a hold's member is a foreign key to them).</summary>
    public static async Task<IReadOnlyList<string>> MembersAsync(IServiceProvider node, int count)
    {
        var members = Enumerable.Range(0, count).Select(_ => MemberBuilder.Build()).ToList();
        await ReadAsync(node, db =>
        {
            db.Users.AddRange(members);
            return db.SaveChangesAsync(Ct);
        });
        return [.. members.Select(m => m.Id)];
    }

    public static async Task<string> MemberAsync(IServiceProvider node) => (await MembersAsync(node, 1)).Single();

    public static async Task<(string First, string Second)> TwoMembersAsync(IServiceProvider node)
    {
        var members = await MembersAsync(node, 2);
        return (members[0], members[1]);
    }

    /// <summary>A clock at the current time on a whole second, so expiry instants are exact on every provider.</summary>
    public static FakeTimeProvider ClockAtNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    /// <summary>The app's hold service on this node's inventory, with its own clock and limits.</summary>
    public static HoldService Holds(IServiceProvider node, TimeProvider clock, BookingLimits? limits = null) =>
        new(node.GetRequiredService<ISeatInventory>(), limits ?? new BookingLimits(), clock);

    public static ISeatInventory Inventory(IServiceProvider node) => node.GetRequiredService<ISeatInventory>();

    /// <summary>
    /// The inventory with limits out of the way, for setting up several holds of one member directly
    /// (the inventory re-checks the per-member limits inside each hold's transaction).
    /// </summary>
    public static ISeatInventory UnlimitedInventory(IServiceProvider node) => new EfSeatInventory(
        node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>(),
        new BookingLimits { MaxSeatsPerBooking = 100, MaxSeatsPerMemberPerPerformance = 1000, MaxActiveHoldsPerMember = 100 });

    /// <summary>The performance's seat rows as stored, by seat id.</summary>
    public static async Task<Dictionary<int, PerformanceSeat>> SeatsAsync(IServiceProvider node, int performanceId) =>
        await ReadAsync(node, db => db.PerformanceSeats.AsNoTracking().Where(s => s.PerformanceId == performanceId).ToDictionaryAsync(s => s.SeatId, Ct));

    /// <summary>The performance's holds as stored.</summary>
    public static async Task<List<SeatHold>> StoredHoldsAsync(IServiceProvider node, int performanceId) =>
        await ReadAsync(node, db => db.SeatHolds.AsNoTracking().Where(h => h.PerformanceId == performanceId).ToListAsync(Ct));

    public static async Task<SeatHold?> StoredHoldAsync(IServiceProvider node, Guid holdId) =>
        await ReadAsync(node, db => db.SeatHolds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == holdId, Ct));

    /// <summary>A confirmed booking of the member's, with its seats sold to it.</summary>
    public static async Task<Booking> BuyAsync(IServiceProvider node, string memberId, int performanceId, params int[] seatIds)
    {
        var now = DateTimeOffset.UtcNow;
        var booking = new Booking(Guid.NewGuid(), $"AT-{Unique.Suffix()}", memberId, performanceId, Guid.NewGuid(), $"checkout-{Guid.NewGuid()}", [.. seatIds.Select(id => new BookedSeat(id, "R", 100_000))], now);
        booking.Confirm($"PAY-{Unique.Suffix()}", now);
        await ReadAsync(node, db =>
        {
            db.Bookings.Add(booking);
            return db.SaveChangesAsync(Ct);
        });
        await SellAsync(node, performanceId, seatIds, booking.Id);
        return booking;
    }

    /// <summary>
    /// Asserts the seat is held by exactly this hold, until its expiry (to the microsecond: MariaDB's
    /// datetime(6) keeps no finer, and holds made on the system clock carry 100 ns ticks).
    /// </summary>
    public static void AssertHeldBy(SeatHold hold, PerformanceSeat seat)
    {
        Assert.Equal((SeatStatus.Held, hold.Id, ToMicroseconds(hold.ExpiresAt)), (seat.Status, seat.HoldId, ToMicroseconds(seat.HeldUntil!.Value)));
    }

    private static long ToMicroseconds(DateTimeOffset instant) => instant.UtcTicks / 10;

    /// <summary>Asserts the seat is available and carries no trace of a hold.</summary>
    public static void AssertFree(PerformanceSeat seat)
    {
        Assert.Equal((SeatStatus.Available, (Guid?)null, (DateTimeOffset?)null), (seat.Status, seat.HoldId, seat.HeldUntil));
    }
}
