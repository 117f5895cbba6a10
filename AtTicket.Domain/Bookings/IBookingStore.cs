namespace AtTicket.Domain.Bookings;

/// <summary>
/// Where bookings live, and the one place seats become sold. Every state change is conditional on
/// the state it leaves (a booking leaves PendingPayment once; a seat leaves Held only for its live
/// hold), so a replayed or racing confirmation cannot confirm, cancel or refund twice.
/// </summary>
public interface IBookingStore
{
    /// <summary>The booking a member's idempotency key made, with its tickets, if any.</summary>
    Task<Booking?> FindByKeyAsync(string memberId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>A booking with its tickets, as stored now.</summary>
    Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken);

    /// <summary>The member's hold, if it exists (another member's hold is not found).</summary>
    Task<SeatHold?> FindHoldAsync(Guid holdId, string memberId, CancellationToken cancellationToken);

    /// <summary>The hold's seats with their grade names and current prices.</summary>
    Task<IReadOnlyList<BookedSeat>> PriceSeatsAsync(SeatHold hold, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new PendingPayment booking. When the member's idempotency key already made a booking
    /// (a replay racing this one), stores nothing and returns that booking instead.
    /// </summary>
    Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the booking PendingPayment → Confirmed with the payment reference, the hold
    /// Active → Converted, and exactly the hold's seats Held → Sold while the hold is live at
    /// <paramref name="now"/>. All of it or nothing.
    /// </summary>
    Task<SaleOutcome> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>PendingPayment → Cancelled (the payment was refused). False when the booking had already left PendingPayment.</summary>
    Task<bool> TryCancelAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>PendingPayment → Refunded (paid, but the seats could not be sold). False when the booking had already left PendingPayment.</summary>
    Task<bool> TryMarkRefundedAsync(Guid bookingId, string? paymentReference, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Cancelled (never confirmed, no payment named) → Refunded with <paramref name="paymentReference"/>:
    /// a charge landed after the checkout was given up on as unpaid, so the booking owes its refund
    /// until it is given back. False when the booking is in any other state.
    /// </summary>
    Task<bool> TryRecordLatePaymentAsync(Guid bookingId, string paymentReference, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the booking Confirmed → Cancelled, only while its performance has not started
    /// at <paramref name="now"/>, and its seats Sold → Available. False when nothing changed.
    /// </summary>
    Task<bool> CancelConfirmedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records that the booking's payment was given back.</summary>
    Task MarkRefundIssuedAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Bookings the reconciler must settle: PendingPayment ones created before <paramref name="pendingCreatedBefore"/>
    /// (their checkout stopped half-way and their hold has expired), and cancelled or refunded ones that still owe a refund.
    /// </summary>
    Task<IReadOnlyList<Booking>> FindUnsettledAsync(DateTimeOffset pendingCreatedBefore, int max, CancellationToken cancellationToken);
}

public enum SaleOutcome
{
    /// <summary>Seats sold, booking confirmed, hold converted.</summary>
    Sold,

    /// <summary>The hold expired, was swept or released before the sale; nothing changed.</summary>
    HoldLost,

    /// <summary>The booking had already left PendingPayment (a replay of the same key finished it); nothing changed.</summary>
    NotPending,
}
