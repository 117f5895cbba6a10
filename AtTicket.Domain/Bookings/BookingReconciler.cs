using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Domain.Bookings;

/// <summary>What one reconciliation round settled.</summary>
/// <param name="Cancelled">Checkouts left pending that the gateway never charged: cancelled.</param>
/// <param name="Refunded">Charges given back: checkouts left pending that the gateway did charge, and refunds owed since an earlier failure.</param>
/// <param name="StillOwed">Refunds the gateway still would not take; the next round tries again.</param>
/// <param name="Failures">Bookings this round could not look at (the store or the gateway failed); the next round tries again.</param>
public sealed record ReconcileReport(int Cancelled, int Refunded, int StillOwed, IReadOnlyList<ReconcileFailure> Failures)
{
    public static readonly ReconcileReport Empty = new(0, 0, 0, []);

    public bool IsEmpty => Cancelled == 0 && Refunded == 0 && StillOwed == 0 && Failures.Count == 0;
}

public sealed record ReconcileFailure(Guid BookingId, Exception Error);

/// <summary>
/// Settles what checkouts and cancellations left half-way. A booking still PendingPayment well after
/// its hold expired (the checkout stopped between the booking and the sale) is asked about at the
/// gateway under its own key: charged → marked refunded and refunded; never charged → cancelled. A
/// cancelled or refunded booking whose refund failed earlier is refunded now.
/// </summary>
/// <remarks>
/// Safe against a checkout still in flight: the booking's hold was made before the booking and lasts
/// <see cref="BookingLimits.HoldMinutes"/>, so past <see cref="ReconcilerOptions.Grace"/> more it can no longer be sold;
/// a charge that lands after this cancelled the booking finds it not pending, and that checkout
/// records and refunds it (see <see cref="BookingService"/>). Several nodes may run it at once: every
/// step is conditional on the state it leaves, and a refund given twice is refused by the gateway.
/// </remarks>
public sealed class BookingReconciler(
    IBookingStore store, IPaymentGateway gateway, RefundIssuer refunds, TimeProvider time, BookingLimits limits, ReconcilerOptions? options = null)
{
    /// <summary>How long past the hold time a pending booking is left alone (<see cref="ReconcilerOptions.Grace"/>).</summary>
    public TimeSpan Grace { get; } = (options ?? new ReconcilerOptions()).Grace;

    /// <summary>Bookings looked at per round; the rest wait for the next.</summary>
    public const int BatchSize = 100;

    private enum Settled
    {
        Nothing,
        Cancelled,
        Refunded,
        StillOwed,
    }

    public async Task<ReconcileReport> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var pendingCreatedBefore = time.GetUtcNow() - limits.HoldDuration - Grace;
        var unsettled = await store.FindUnsettledAsync(pendingCreatedBefore, BatchSize, cancellationToken);
        var counts = new Dictionary<Settled, int>();
        var failures = new List<ReconcileFailure>();
        foreach (var booking in unsettled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var settled = await SettleAsync(booking, cancellationToken);
                counts[settled] = counts.GetValueOrDefault(settled) + 1;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add(new ReconcileFailure(booking.Id, exception));
            }
        }

        return new ReconcileReport(
            counts.GetValueOrDefault(Settled.Cancelled),
            counts.GetValueOrDefault(Settled.Refunded),
            counts.GetValueOrDefault(Settled.StillOwed),
            failures);
    }

    private async Task<Settled> SettleAsync(Booking booking, CancellationToken cancellationToken)
    {
        if (booking.Status == BookingStatus.PendingPayment)
        {
            var payment = await gateway.FindAsync(BookingService.GatewayKey(booking), cancellationToken);
            if (payment is not { IsApproved: true })
            {
                // Never reached the processor, or refused: nothing was charged.
                return await store.TryCancelAsync(booking.Id, time.GetUtcNow(), cancellationToken) ? Settled.Cancelled : Settled.Nothing;
            }

            var reference = payment.Reference ?? throw new InvalidOperationException("The gateway approved a payment without a reference.");

            // Claimed by its own checkout meanwhile (sold or compensated): that checkout settles it.
            return await store.TryMarkRefundedAsync(booking.Id, reference, time.GetUtcNow(), cancellationToken)
                ? await RefundAsync(booking.Id, reference, booking.TotalAmount)
                : Settled.Nothing;
        }

        return booking.OwesRefund ? await RefundAsync(booking.Id, booking.PaymentReference!, booking.TotalAmount) : Settled.Nothing;
    }

    private async Task<Settled> RefundAsync(Guid bookingId, string reference, long amount) =>
        await refunds.IssueAsync(bookingId, reference, amount) ? Settled.Refunded : Settled.StillOwed;
}
