namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// Bookings in the database. The sale is one transaction of conditional UPDATEs in two round trips
/// (<see cref="SaleRoundTrips"/>); every other change is a conditional UPDATE of its own.
/// </summary>
public sealed class EfBookingStore(IDbContextFactory<AtTicketDbContext> contexts) : IBookingStore
{
    /// <summary>The booking a member's idempotency key made, with its tickets, if any.</summary>
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

    /// <summary>The three reads on one connection: each fresh connection from the pool costs a reset round trip.</summary>
    public async Task<CheckoutStart> StartCheckoutAsync(string memberId, string idempotencyKey, Guid holdId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // held open: EF would return it to the pool after each query
        var existing = await db.Bookings.AsNoTracking().Include(b => b.Tickets)
            .SingleOrDefaultAsync(b => b.MemberId == memberId && b.IdempotencyKey == idempotencyKey, cancellationToken);
        var hold = await db.SeatHolds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == holdId && h.MemberId == memberId, cancellationToken);
        var seats = existing is null && hold is not null && hold.IsLive(now) ? await PriceSeatsAsync(db, hold, cancellationToken) : [];
        return new CheckoutStart(existing, hold, seats);
    }

    public async Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken)
    {
        try
        {
            // One SaveChanges is its own transaction: no savepoint, no isolation level to set.
            await TransientRetry.RunAsync(
                contexts,
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

    public Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransientRetry.RunAsync(contexts, db => new SaleRoundTrips(db).SellAsync(hold, booking, paymentReference, now, cancellationToken), cancellationToken);

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

    private static async Task<IReadOnlyList<BookedSeat>> PriceSeatsAsync(AtTicketDbContext db, SeatHold hold, CancellationToken cancellationToken)
    {
        var seatIds = hold.SeatIds;
        var seats = await db.PerformanceSeats.AsNoTracking()
            .Where(s => s.PerformanceId == hold.PerformanceId && seatIds.Contains(s.SeatId) && s.GradeId != null)
            .Select(s => new BookedSeat(s.SeatId, s.Grade!.Name, s.Grade.Price))
            .ToListAsync(cancellationToken);
        return seats.Count == seatIds.Count
            ? seats
            : throw new InvalidOperationException($"Hold {hold.Id} names seats without a grade in performance {hold.PerformanceId}.");
    }

    /// <summary>One transaction per attempt; a deadlock victim or a busy SQLite database starts over.</summary>
    private Task<T> WithRetriesAsync<T>(Func<AtTicketDbContext, Task<T>> attempt, CancellationToken cancellationToken) =>
        TransientRetry.InTransactionAsync(contexts, attempt, cancellationToken);
}
