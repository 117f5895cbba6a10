using AtTicket.Domain.Live;

namespace AtTicket.Domain.Bookings;

/// <summary>
/// Where bookings live, and the one place seats become sold. Every state change is conditional on
/// the state it leaves (a booking leaves PendingPayment once; a seat leaves Held only for its live
/// hold), so a replayed or racing confirmation cannot confirm, cancel or refund twice.
/// </summary>
public interface IBookingStore
{
    /// <summary>A booking with its tickets, as stored now.</summary>
    Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken);

    /// <summary>
    /// What a checkout starts from, read together: the booking the member's key made (with its
    /// tickets), the member's hold (another member's hold is not found), and, when the key is new and
    /// the hold live at <paramref name="now"/>, the hold's seats with their grade names and current prices.
    /// </summary>
    Task<CheckoutStart> StartCheckoutAsync(string memberId, string idempotencyKey, Guid holdId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new PendingPayment booking. When the member's idempotency key already made a booking
    /// (a replay racing this one), stores nothing and returns that booking instead.
    /// </summary>
    Task<Booking> AddPendingAsync(Booking booking, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the booking PendingPayment → Confirmed with the payment reference, the hold
    /// Active → Converted, and exactly the hold's seats Held → Sold while the hold is live at
    /// <paramref name="now"/>. All of it or nothing. When sold, <paramref name="booking"/> itself is
    /// confirmed as stored, and the sale names the seats as it left them.
    /// </summary>
    Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken);

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

/// <summary>What a sale did, and when it sold, the sold seats as the transaction left them.</summary>
public sealed record Sale(SaleOutcome Outcome, IReadOnlyList<SeatFact> Seats);

/// <summary>What a checkout starts from; see <see cref="IBookingStore.StartCheckoutAsync"/>.</summary>
public sealed record CheckoutStart(Booking? Existing, SeatHold? Hold, IReadOnlyList<BookedSeat> PricedSeats);

public enum SaleOutcome
{
    /// <summary>Seats sold, booking confirmed, hold converted.</summary>
    Sold,

    /// <summary>The hold expired, was swept or released before the sale; nothing changed.</summary>
    HoldLost,

    /// <summary>The booking had already left PendingPayment (a replay of the same key finished it); nothing changed.</summary>
    NotPending,
}
