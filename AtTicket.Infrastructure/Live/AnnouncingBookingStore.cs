namespace AtTicket.Infrastructure.Live;

/// <summary>The booking store, announcing the seat changes it commits: sales (Held → Sold) and cancellations (Sold → Available).</summary>
public sealed class AnnouncingBookingStore(IBookingStore inner, ISeatChangeNotifier notifier) : IBookingStore
{
    public Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken) => inner.FindAsync(bookingId, cancellationToken);

    public Task<CheckoutStart> StartCheckoutAsync(string memberId, string idempotencyKey, Guid holdId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.StartCheckoutAsync(memberId, idempotencyKey, holdId, now, cancellationToken);

    public Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken) => inner.AddPendingAsync(booking, cancellationToken);

    public async Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sale = await inner.SellAsync(hold, booking, paymentReference, now, cancellationToken);
        if (sale.Outcome == SaleOutcome.Sold)
        {
            await (sale.Seats.Count > 0
                ? notifier.SeatsChangedAsync(hold.PerformanceId, sale.Seats, CancellationToken.None)
                : notifier.SeatsChangedAsync(hold.PerformanceId, hold.SeatIds, CancellationToken.None));
        }

        return sale;
    }

    public Task<bool> TryCancelAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) => inner.TryCancelAsync(bookingId, now, cancellationToken);

    public Task<bool> TryMarkRefundedAsync(Guid bookingId, string? paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TryMarkRefundedAsync(bookingId, paymentReference, now, cancellationToken);

    public Task<bool> TryRecordLatePaymentAsync(Guid bookingId, string paymentReference, CancellationToken cancellationToken) =>
        inner.TryRecordLatePaymentAsync(bookingId, paymentReference, cancellationToken);

    public async Task<bool> CancelConfirmedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancelled = await inner.CancelConfirmedAsync(bookingId, now, cancellationToken);
        if (cancelled && await inner.FindAsync(bookingId, CancellationToken.None) is { } booking)
        {
            await notifier.SeatsChangedAsync(booking.PerformanceId, [.. booking.Tickets.Select(t => t.SeatId)], CancellationToken.None);
        }

        return cancelled;
    }

    public Task MarkRefundIssuedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) => inner.MarkRefundIssuedAsync(bookingId, now, cancellationToken);

    public Task<IReadOnlyList<Booking>> FindUnsettledAsync(DateTimeOffset pendingCreatedBefore, int max, CancellationToken cancellationToken) =>
        inner.FindUnsettledAsync(pendingCreatedBefore, max, cancellationToken);
}
