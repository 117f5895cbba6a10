using AtTicket.Domain.Bookings;

namespace AtTicket.Domain.Tests.Bookings;

/// <summary>
/// The booking store kept in memory, with the database's rules: a booking leaves PendingPayment once,
/// a sale needs the hold live at the moment it runs. <see cref="SweepBeforeSale"/> plays the sweeper
/// winning the race; <see cref="FailSale"/> makes the sale throw (the database went away).
/// </summary>
internal sealed class FakeBookingStore : IBookingStore
{
    private readonly List<SeatHold> _holds = [];
    private readonly List<Booking> _bookings = [];

    public Dictionary<int, (string Grade, long Price)> Prices { get; } = [];
    public Dictionary<int, Guid> SoldTo { get; } = [];
    public Dictionary<int, DateTimeOffset> PerformanceStarts { get; } = [];
    public bool SweepBeforeSale { get; set; }
    public Exception? FailSale { get; set; }
    public IReadOnlyList<Booking> Bookings => _bookings;

    public SeatHold AddHold(SeatHold hold)
    {
        _holds.Add(hold);
        return hold;
    }

    public Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken) =>
        Task.FromResult(_bookings.SingleOrDefault(b => b.Id == bookingId));

    public Task<CheckoutStart> StartCheckoutAsync(string memberId, string idempotencyKey, Guid holdId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = _bookings.SingleOrDefault(b => b.MemberId == memberId && b.IdempotencyKey == idempotencyKey);
        var hold = _holds.SingleOrDefault(h => h.Id == holdId && h.MemberId == memberId);
        IReadOnlyList<BookedSeat> seats = existing is null && hold is not null && hold.IsLive(now)
            ? [.. hold.SeatIds.Select(id => new BookedSeat(id, Prices[id].Grade, Prices[id].Price))]
            : [];
        return Task.FromResult(new CheckoutStart(existing, hold, seats));
    }

    public Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken)
    {
        var existing = _bookings.SingleOrDefault(b => b.MemberId == booking.MemberId && b.IdempotencyKey == booking.IdempotencyKey);
        if (existing is not null)
        {
            return Task.FromResult(existing);
        }

        _bookings.Add(booking);
        return Task.FromResult(booking);
    }

    public Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (FailSale is not null)
        {
            throw FailSale;
        }

        var stored = _bookings.Single(b => b.Id == booking.Id);
        var storedHold = _holds.Single(h => h.Id == hold.Id);
        if (stored.Status != BookingStatus.PendingPayment)
        {
            return Task.FromResult(new Sale(SaleOutcome.NotPending, []));
        }

        if (SweepBeforeSale && storedHold.Status == HoldStatus.Active && now > storedHold.ExpiresAt)
        {
            storedHold.Expire(now);
        }

        if (!storedHold.IsLive(now))
        {
            return Task.FromResult(new Sale(SaleOutcome.HoldLost, []));
        }

        stored.Confirm(paymentReference, now);
        storedHold.Convert(now);
        foreach (var seatId in storedHold.SeatIds)
        {
            SoldTo[seatId] = stored.Id;
        }

        return Task.FromResult(new Sale(SaleOutcome.Sold, []));
    }

    public Task<bool> TryCancelAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var booking = _bookings.Single(b => b.Id == bookingId);
        if (booking.Status != BookingStatus.PendingPayment)
        {
            return Task.FromResult(false);
        }

        booking.Cancel(now, DateTimeOffset.MaxValue);
        return Task.FromResult(true);
    }

    /// <summary>Runs just before a booking is claimed as refunded, e.g. to let the reconciler cancel it first.</summary>
    public Action<Booking>? BeforeMarkRefunded { get; set; }

    public Task<bool> TryMarkRefundedAsync(Guid bookingId, string? paymentReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var booking = _bookings.Single(b => b.Id == bookingId);
        BeforeMarkRefunded?.Invoke(booking);
        if (booking.Status != BookingStatus.PendingPayment)
        {
            return Task.FromResult(false);
        }

        booking.MarkRefunded(paymentReference, now);
        return Task.FromResult(true);
    }

    public Task<bool> TryRecordLatePaymentAsync(Guid bookingId, string paymentReference, CancellationToken cancellationToken)
    {
        var booking = _bookings.Single(b => b.Id == bookingId);
        if (booking.Status != BookingStatus.Cancelled || booking.WasConfirmed || booking.PaymentReference is not null)
        {
            return Task.FromResult(false);
        }

        booking.RecordLatePayment(paymentReference);
        return Task.FromResult(true);
    }

    public Task<bool> CancelConfirmedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var booking = _bookings.Single(b => b.Id == bookingId);
        var startsAt = PerformanceStarts.GetValueOrDefault(booking.PerformanceId, DateTimeOffset.MaxValue);
        if (booking.Status != BookingStatus.Confirmed || now >= startsAt)
        {
            return Task.FromResult(false);
        }

        booking.Cancel(now, startsAt);
        foreach (var seatId in SoldTo.Where(s => s.Value == bookingId).Select(s => s.Key).ToList())
        {
            SoldTo.Remove(seatId);
        }

        return Task.FromResult(true);
    }

    public Task MarkRefundIssuedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _bookings.Single(b => b.Id == bookingId).MarkRefundIssued(now);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Booking>> FindUnsettledAsync(DateTimeOffset pendingCreatedBefore, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Booking>>(
            [.. _bookings.Where(b => (b.Status == BookingStatus.PendingPayment && b.CreatedAt < pendingCreatedBefore) || b.OwesRefund).OrderBy(b => b.CreatedAt).Take(max)]);
}
