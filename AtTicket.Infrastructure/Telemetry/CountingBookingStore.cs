namespace AtTicket.Infrastructure.Telemetry;

/// <summary>The booking store, counting sales by outcome (a sold one is a confirmed booking).</summary>
internal sealed class CountingBookingStore(IBookingStore inner, AtTicketMetrics metrics) : IBookingStore
{
    public async Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sale = await inner.SellAsync(hold, booking, paymentReference, now, cancellationToken);
        metrics.Sale(sale.Outcome);
        return sale;
    }

    public Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken) => inner.FindAsync(bookingId, cancellationToken);

    public Task<CheckoutStart> StartCheckoutAsync(string memberId, string idempotencyKey, Guid holdId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.StartCheckoutAsync(memberId, idempotencyKey, holdId, now, cancellationToken);

    public Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken) => inner.AddPendingAsync(booking, cancellationToken);

    public Task<bool> TryCancelAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) => inner.TryCancelAsync(bookingId, now, cancellationToken);

    public Task<bool> TryMarkRefundedAsync(Guid bookingId, string? paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TryMarkRefundedAsync(bookingId, paymentReference, now, cancellationToken);

    public Task<bool> TryRecordLatePaymentAsync(Guid bookingId, string paymentReference, CancellationToken cancellationToken) =>
        inner.TryRecordLatePaymentAsync(bookingId, paymentReference, cancellationToken);

    public Task<bool> CancelConfirmedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) => inner.CancelConfirmedAsync(bookingId, now, cancellationToken);

    public Task MarkRefundIssuedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) => inner.MarkRefundIssuedAsync(bookingId, now, cancellationToken);

    public Task<IReadOnlyList<Booking>> FindUnsettledAsync(DateTimeOffset pendingCreatedBefore, int max, CancellationToken cancellationToken) =>
        inner.FindUnsettledAsync(pendingCreatedBefore, max, cancellationToken);
}
