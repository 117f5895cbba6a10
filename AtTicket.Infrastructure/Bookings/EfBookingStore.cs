using AtTicket.Domain.Bookings;
using AtTicket.Domain.Messaging;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// Bookings in the database. The sale is one transaction of conditional UPDATEs, taken in the order
/// the hold sweeper takes them (hold row, then seat rows) so the two cannot deadlock each other:
/// booking PendingPayment → Confirmed, hold Active → Converted while unexpired, then exactly the
/// hold's seats Held → Sold while unexpired. Fewer rows than expected rolls everything back.
/// </summary>
public sealed class EfBookingStore(IDbContextFactory<AtTicketDbContext> contexts) : IBookingStore
{
    public async Task<Booking?> FindByKeyAsync(string memberId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking().Include(b => b.Tickets)
            .SingleOrDefaultAsync(b => b.MemberId == memberId && b.IdempotencyKey == idempotencyKey, cancellationToken);
    }

    public async Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking().Include(b => b.Tickets).SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
    }

    public async Task<SeatHold?> FindHoldAsync(Guid holdId, string memberId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SeatHolds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == holdId && h.MemberId == memberId, cancellationToken);
    }

    public async Task<IReadOnlyList<BookedSeat>> PriceSeatsAsync(SeatHold hold, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seatIds = hold.SeatIds;
        var seats = await db.PerformanceSeats.AsNoTracking()
            .Where(s => s.PerformanceId == hold.PerformanceId && seatIds.Contains(s.SeatId) && s.GradeId != null)
            .Select(s => new BookedSeat(s.SeatId, s.Grade!.Name, s.Grade.Price))
            .ToListAsync(cancellationToken);
        return seats.Count == seatIds.Count
            ? seats
            : throw new InvalidOperationException($"Hold {hold.Id} names seats without a grade in performance {hold.PerformanceId}.");
    }

    public async Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken)
    {
        try
        {
            await WithRetriesAsync(
                async db =>
                {
                    db.Bookings.Add(booking);
                    await db.SaveChangesAsync(cancellationToken);
                    return true;
                },
                cancellationToken);
            return booking;
        }
        catch (DbUpdateException)
        {
            // The unique (MemberId, IdempotencyKey) index: a replay of the same key got there first.
            var existing = await FindByKeyAsync(booking.MemberId, booking.IdempotencyKey, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return existing;
        }
    }

    public Task<SaleOutcome> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async db =>
            {
                var confirmed = await db.Bookings
                    .Where(b => b.Id == booking.Id && b.Status == BookingStatus.PendingPayment)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(b => b.Status, BookingStatus.Confirmed)
                            .SetProperty(b => b.PaymentReference, paymentReference)
                            .SetProperty(b => b.ConfirmedAt, now),
                        cancellationToken);
                if (confirmed != 1)
                {
                    await db.Database.RollbackTransactionAsync(cancellationToken);
                    return SaleOutcome.NotPending;
                }

                var converted = await db.SeatHolds
                    .Where(h => h.Id == hold.Id && h.Status == HoldStatus.Active && h.ExpiresAt >= now)
                    .ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, HoldStatus.Converted), cancellationToken);
                var seatIds = hold.SeatIds;
                var sold = converted != 1 ? 0 : await db.PerformanceSeats
                    .Where(s => s.PerformanceId == hold.PerformanceId && seatIds.Contains(s.SeatId)
                        && s.HoldId == hold.Id && s.Status == SeatStatus.Held && s.HeldUntil >= now)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(s => s.Status, SeatStatus.Sold)
                            .SetProperty(s => s.Version, s => s.Version + 1)
                            .SetProperty(s => s.BookingId, (Guid?)booking.Id)
                            .SetProperty(s => s.HeldUntil, (DateTimeOffset?)null),
                        cancellationToken);
                if (sold != seatIds.Count)
                {
                    await db.Database.RollbackTransactionAsync(cancellationToken);
                    return SaleOutcome.HoldLost;
                }

                // The confirmation mail's event commits with the sale, or neither does.
                db.OutboxMessages.Add(IntegrationEvents.Confirmed(booking, now));
                await db.SaveChangesAsync(cancellationToken);
                return SaleOutcome.Sold;
            },
            cancellationToken);

    public Task<bool> TryCancelAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async db => await db.Bookings
                .Where(b => b.Id == bookingId && b.Status == BookingStatus.PendingPayment)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledAt, now), cancellationToken) == 1,
            cancellationToken);

    public Task<bool> TryMarkRefundedAsync(Guid bookingId, string? paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async db => await db.Bookings
                .Where(b => b.Id == bookingId && b.Status == BookingStatus.PendingPayment)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(b => b.Status, BookingStatus.Refunded)
                        .SetProperty(b => b.PaymentReference, paymentReference)
                        .SetProperty(b => b.CancelledAt, now),
                    cancellationToken) == 1,
            cancellationToken);

    public Task<bool> TryRecordLatePaymentAsync(Guid bookingId, string paymentReference, CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async db => await db.Bookings
                .Where(b => b.Id == bookingId && b.Status == BookingStatus.Cancelled && b.ConfirmedAt == null && b.PaymentReference == null)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Refunded).SetProperty(b => b.PaymentReference, paymentReference), cancellationToken) == 1,
            cancellationToken);

    public Task<bool> CancelConfirmedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async db =>
            {
                var booking = await db.Bookings.Where(b => b.Id == bookingId)
                    .Select(b => new { b.PerformanceId, b.Number, b.MemberId, b.TotalAmount })
                    .SingleOrDefaultAsync(cancellationToken);
                var performanceId = booking?.PerformanceId;
                var startsAt = await db.Performances.Where(p => p.Id == performanceId).Select(p => (DateTimeOffset?)p.StartsAt).SingleOrDefaultAsync(cancellationToken);
                if (booking is null || startsAt is null || now >= startsAt)
                {
                    return false;
                }

                var cancelled = await db.Bookings
                    .Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed)
                    .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Cancelled).SetProperty(b => b.CancelledAt, now), cancellationToken);
                if (cancelled != 1)
                {
                    return false;
                }

                await db.PerformanceSeats
                    .Where(s => s.PerformanceId == performanceId && s.BookingId == bookingId && s.Status == SeatStatus.Sold)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(s => s.Status, SeatStatus.Available)
                            .SetProperty(s => s.Version, s => s.Version + 1)
                            .SetProperty(s => s.BookingId, (Guid?)null)
                            .SetProperty(s => s.HoldId, (Guid?)null)
                            .SetProperty(s => s.HeldUntil, (DateTimeOffset?)null),
                        cancellationToken);

                // A confirmed booking is refunded in full.
                db.OutboxMessages.Add(IntegrationEvents.Cancelled(bookingId, booking.Number, booking.MemberId, booking.PerformanceId, booking.TotalAmount, now));
                await db.SaveChangesAsync(cancellationToken);
                return true;
            },
            cancellationToken);

    public Task MarkRefundIssuedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async db => await db.Bookings
                .Where(b => b.Id == bookingId && b.RefundedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.RefundedAt, now), cancellationToken),
            cancellationToken);

    public async Task<IReadOnlyList<Booking>> FindUnsettledAsync(DateTimeOffset pendingCreatedBefore, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.AsNoTracking().Include(b => b.Tickets)
            .Where(b => (b.Status == BookingStatus.PendingPayment && b.CreatedAt < pendingCreatedBefore)
                || ((b.Status == BookingStatus.Cancelled || b.Status == BookingStatus.Refunded) && b.PaymentReference != null && b.RefundedAt == null))
            .OrderBy(b => b.CreatedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>One transaction per attempt; a deadlock victim or a busy SQLite database starts over.</summary>
    private Task<T> WithRetriesAsync<T>(Func<AtTicketDbContext, Task<T>> attempt, CancellationToken cancellationToken) =>
        TransientRetry.InTransactionAsync(contexts, attempt, cancellationToken);
}
