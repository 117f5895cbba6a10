namespace AtTicket.Infrastructure.Telemetry;

/// <summary>
/// The booking store, logging each step of a booking's life with its number, id and hold as named fields, so
/// a log search by booking number or hold finds the whole story. Only ids, amounts and outcomes are logged:
/// the card never reaches the store. Steps that know only the booking's id read it back to name it, and only
/// when the line is written (they are the rare ones: a refusal, a cancellation, a refund).
/// </summary>
internal sealed partial class LoggingBookingStore(IBookingStore inner, ILogger<LoggingBookingStore> logger) : IBookingStore
{
    public async Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken)
    {
        var stored = await inner.AddPendingAsync(booking, cancellationToken);
        if (stored.Id == booking.Id)
        {
            BookingOpened(stored.Number, stored.Id, stored.HoldId, stored.PerformanceId, stored.TotalAmount);
        }

        return stored;
    }

    public async Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sale = await inner.SellAsync(hold, booking, paymentReference, now, cancellationToken);
        BookingSold(booking.Number, booking.Id, booking.HoldId, sale.Outcome);
        return sale;
    }

    public Task<bool> TryCancelAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        NameWhenChangedAsync(
            inner.TryCancelAsync(bookingId, now, cancellationToken), bookingId, LogLevel.Information, b => PaymentRefused(b.Number, b.Id, b.HoldId));

    public Task<bool> TryMarkRefundedAsync(Guid bookingId, string? paymentReference, DateTimeOffset now, CancellationToken cancellationToken) =>
        NameWhenChangedAsync(
            inner.TryMarkRefundedAsync(bookingId, paymentReference, now, cancellationToken), bookingId, LogLevel.Warning, b => PaidButNotSold(b.Number, b.Id, b.HoldId));

    public Task<bool> TryRecordLatePaymentAsync(Guid bookingId, string paymentReference, CancellationToken cancellationToken) =>
        NameWhenChangedAsync(
            inner.TryRecordLatePaymentAsync(bookingId, paymentReference, cancellationToken), bookingId, LogLevel.Warning, b => LatePayment(b.Number, b.Id, b.HoldId));

    public Task<bool> CancelConfirmedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        NameWhenChangedAsync(
            inner.CancelConfirmedAsync(bookingId, now, cancellationToken), bookingId, LogLevel.Information, b => BookingCancelled(b.Number, b.Id, b.HoldId));

    public async Task MarkRefundIssuedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await inner.MarkRefundIssuedAsync(bookingId, now, cancellationToken);
        if (await NamedAsync(bookingId, LogLevel.Information) is { } booking)
        {
            RefundIssued(booking.Number, booking.Id, booking.HoldId, booking.TotalAmount);
        }
    }

    public Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken) => inner.FindAsync(bookingId, cancellationToken);

    public Task<CheckoutStart> StartCheckoutAsync(string memberId, string idempotencyKey, Guid holdId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.StartCheckoutAsync(memberId, idempotencyKey, holdId, now, cancellationToken);

    public Task<IReadOnlyList<Booking>> FindUnsettledAsync(DateTimeOffset pendingCreatedBefore, int max, CancellationToken cancellationToken) =>
        inner.FindUnsettledAsync(pendingCreatedBefore, max, cancellationToken);

    /// <summary>Awaits a change that answers whether it happened, and when it did, writes its line about the booking.</summary>
    private async Task<bool> NameWhenChangedAsync(Task<bool> change, Guid bookingId, LogLevel level, Action<Booking> writeLine)
    {
        var changed = await change;
        if (changed && await NamedAsync(bookingId, level) is { } booking)
        {
            writeLine(booking);
        }

        return changed;
    }

    /// <summary>
    /// The booking as stored, when a line at <paramref name="level"/> is written; never cancelled, since the change it
    /// names has happened. A failed read loses the line, never the change.
    /// </summary>
    private async Task<Booking?> NamedAsync(Guid bookingId, LogLevel level)
    {
        if (!logger.IsEnabled(level))
        {
            return null;
        }

        try
        {
            return await inner.FindAsync(bookingId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            UnnamedBooking(bookingId, exception);
            return null;
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Booking {BookingNumber} ({BookingId}) opened for hold {HoldId} of performance {PerformanceId}: {Amount} won to pay")]
    private partial void BookingOpened(string bookingNumber, Guid bookingId, Guid holdId, int performanceId, long amount);

    [LoggerMessage(2, LogLevel.Information, "Booking {BookingNumber} ({BookingId}) of hold {HoldId} paid; sale {SaleOutcome}")]
    private partial void BookingSold(string bookingNumber, Guid bookingId, Guid holdId, SaleOutcome saleOutcome);

    [LoggerMessage(3, LogLevel.Information, "Booking {BookingNumber} ({BookingId}) of hold {HoldId} cancelled: the payment was refused")]
    private partial void PaymentRefused(string bookingNumber, Guid bookingId, Guid holdId);

    [LoggerMessage(4, LogLevel.Warning, "Booking {BookingNumber} ({BookingId}) of hold {HoldId} was paid but its seats could not be sold; it owes a refund")]
    private partial void PaidButNotSold(string bookingNumber, Guid bookingId, Guid holdId);

    [LoggerMessage(5, LogLevel.Warning, "Booking {BookingNumber} ({BookingId}) of hold {HoldId} was charged after it was given up as unpaid; it owes a refund")]
    private partial void LatePayment(string bookingNumber, Guid bookingId, Guid holdId);

    [LoggerMessage(6, LogLevel.Information, "Booking {BookingNumber} ({BookingId}) of hold {HoldId} cancelled; its seats are on sale again")]
    private partial void BookingCancelled(string bookingNumber, Guid bookingId, Guid holdId);

    [LoggerMessage(7, LogLevel.Information, "Refund of booking {BookingNumber} ({BookingId}) of hold {HoldId} issued: {Amount} won")]
    private partial void RefundIssued(string bookingNumber, Guid bookingId, Guid holdId, long amount);

    [LoggerMessage(8, LogLevel.Warning, "Booking {BookingId} changed, but could not be read back to name it in the log")]
    private partial void UnnamedBooking(Guid bookingId, Exception exception);
}
