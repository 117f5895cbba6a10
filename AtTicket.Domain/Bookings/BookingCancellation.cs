namespace AtTicket.Domain.Bookings;

public enum CancelOutcome
{
    /// <summary>Cancelled (now or before), seats available again, the payment refunded or owed by the reconciler.</summary>
    Cancelled,

    /// <summary>No such booking, or another member's.</summary>
    NotFound,

    /// <summary>The performance has started; the booking stands.</summary>
    Started,

    /// <summary>Never confirmed (a declined or refunded checkout): there is nothing to cancel.</summary>
    NotCancellable,
}

/// <summary>What a cancellation came to.</summary>
public sealed record CancelResult(CancelOutcome Outcome, Booking? Booking, Refusal Said)
    : BookingResult<CancelOutcome>(Outcome, Booking, Said)
{
    /// <summary>Cancelled, but the gateway did not take the refund yet; the reconciler pays it later.</summary>
    public bool RefundStillOwed { get; init; }
}

/// <summary>
/// Cancels a confirmed booking before its performance starts, for its member or an admin. The booking
/// turns Cancelled and its seats Sold → Available in one transaction, so they can be held at once;
/// then the payment is refunded. Cancelling twice answers the first cancellation and refunds once.
/// </summary>
public sealed class BookingCancellation(IBookingStore store, RefundIssuer refunds, TimeProvider time)
{
    public static readonly Refusal Cancelled = new(RefusalCode.BookingCancelled, "Your booking is cancelled and your payment has been refunded.");
    public static readonly Refusal NotCancellable = new(RefusalCode.BookingNotCancellable, "Only a confirmed booking can be cancelled.");
    public static readonly Refusal NotFound = new(RefusalCode.BookingNotFound, "This booking does not exist.");

    public static readonly Refusal RefundOwed = new(
        RefusalCode.BookingCancelledRefundOwed,
        "Your booking is cancelled. The refund could not be sent yet; it will follow automatically.");

    /// <param name="memberId">Who asks. Another member's booking is not found, unless <paramref name="asAdmin"/>.</param>
    public async Task<CancelResult> CancelAsync(Guid bookingId, string memberId, bool asAdmin, CancellationToken cancellationToken = default)
    {
        var booking = await store.FindAsync(bookingId, cancellationToken);
        if (booking is null || (!asAdmin && booking.MemberId != memberId))
        {
            return new CancelResult(CancelOutcome.NotFound, null, NotFound);
        }

        if (booking.Status == BookingStatus.Cancelled && booking.WasConfirmed)
        {
            return await SettleAsync(booking);
        }

        if (booking.Status != BookingStatus.Confirmed)
        {
            return new CancelResult(CancelOutcome.NotCancellable, booking, NotCancellable);
        }

        var cancelled = await store.CancelConfirmedAsync(booking.Id, time.GetUtcNow(), cancellationToken);
        var current = await store.FindAsync(booking.Id, CancellationToken.None) ?? booking;
        return cancelled || (current.Status == BookingStatus.Cancelled && current.WasConfirmed)
            ? await SettleAsync(current)
            : new CancelResult(CancelOutcome.Started, current, Booking.CannotCancelStarted);
    }

    private async Task<CancelResult> SettleAsync(Booking booking)
    {
        if (booking.OwesRefund && !await refunds.IssueAsync(booking.Id, booking.PaymentReference!, booking.TotalAmount))
        {
            return new CancelResult(CancelOutcome.Cancelled, booking, RefundOwed) { RefundStillOwed = true };
        }

        return new CancelResult(CancelOutcome.Cancelled, await store.FindAsync(booking.Id, CancellationToken.None) ?? booking, Cancelled);
    }
}
