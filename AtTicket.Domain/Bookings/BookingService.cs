using System.Globalization;
using System.Security.Cryptography;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Queues;

namespace AtTicket.Domain.Bookings;

/// <summary>
/// Checkout: turns a member's live hold into a paid, confirmed booking with tickets. The payment is
/// taken first; the seats are then sold in one transaction only if the hold is still live. Whatever
/// goes wrong after the payment is captured, the booking is marked refunded and the payment given
/// back, so there is never a charge without a booking nor seats sold without one. The member's
/// idempotency key names the booking: sending it again answers the same booking and charges once.
/// A booking ends the member's turn in the performance's waiting line, if it has one.
/// </summary>
public sealed class BookingService(IBookingStore store, IPaymentGateway gateway, RefundIssuer refunds, TimeProvider time, IAdmissionGate? gate = null)
{
    public static readonly Refusal Confirmed = new(RefusalCode.BookingConfirmed, "Your booking is confirmed.");
    public static readonly Refusal ConfirmedThenCancelled = new(RefusalCode.BookingConfirmedThenCancelled, "This booking was confirmed and has since been cancelled.");
    public static readonly Refusal HoldNotFound = new(RefusalCode.HoldNotFound, "This hold does not exist. Choose your seats again.");
    public static readonly Refusal HoldExpired = new(RefusalCode.HoldExpired, "Your hold has expired or was released, and nothing was charged. Choose your seats again.");
    public static readonly Refusal DeclinedBefore = new(RefusalCode.PaymentDeclinedBefore, "The payment for this checkout was declined. Try again with another card.");
    public static readonly Refusal PaymentNotCompleted = new(RefusalCode.PaymentNotCompleted, "This checkout's payment has not completed yet; send the same request again.");
    public static readonly Refusal KeyUsedForOtherHold = new(RefusalCode.IdempotencyKeyUsedForOtherHold, "This idempotency key was already used for another hold.");

    public static readonly Refusal Refunded = new(
        RefusalCode.HoldExpiredAfterPayment,
        "Your hold expired before the payment went through, so the seats could not be booked. Your payment was refunded.");

    private const string NumberAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<ConfirmResult> ConfirmAsync(string memberId, Guid holdId, string idempotencyKey, CardDetails card, CancellationToken cancellationToken = default)
    {
        Guard.That(!string.IsNullOrWhiteSpace(memberId), new Refusal(RefusalCode.LogInToBook, "Log in to book seats."));
        idempotencyKey = Guard.Text(idempotencyKey, RuleSubject.IdempotencyKey, PaymentRequest.MaxIdempotencyKeyLength);
        ArgumentNullException.ThrowIfNull(card);

        // A key seen before answers what it made; only a booking left pending (an earlier attempt
        // that stopped half-way) goes on, and the gateway's own key makes its charge happen once.
        var now = time.GetUtcNow();
        var start = await store.StartCheckoutAsync(memberId, idempotencyKey, holdId, now, cancellationToken);
        var booking = start.Existing;
        Guard.That(booking is null || booking.HoldId == holdId, KeyUsedForOtherHold);
        if (booking is not null && booking.Status != BookingStatus.PendingPayment)
        {
            return Answer(booking);
        }

        if (start.Hold is not { } hold)
        {
            return new ConfirmResult(ConfirmOutcome.HoldNotFound, null, HoldNotFound);
        }

        if (booking is null && !hold.IsLive(now))
        {
            return new ConfirmResult(ConfirmOutcome.HoldExpired, null, HoldExpired);
        }

        CardValidation.Ensure(card, time);
        var madeHere = false;
        if (booking is null)
        {
            var draft = new Booking(Guid.NewGuid(), NewNumber(now), memberId, hold.PerformanceId, hold.Id, idempotencyKey, start.PricedSeats, now);
            booking = await store.AddPendingAsync(draft, cancellationToken);
            madeHere = booking.Id == draft.Id;
            if (booking.Status != BookingStatus.PendingPayment)
            {
                return Answer(booking);
            }
        }

        var payment = await gateway.AuthorizeAndCaptureAsync(new PaymentRequest(booking.TotalAmount, card, GatewayKey(booking)), cancellationToken);
        if (payment.Refusal is { } declined)
        {
            // Only the request that made the checkout ends it. A replay may race the first request's
            // payment still in flight (a different card answers "key reused"): it must not cancel that
            // checkout. One abandoned half-way is settled by the reconciler.
            if (madeHere)
            {
                await store.TryCancelAsync(booking.Id, time.GetUtcNow(), cancellationToken);
            }

            return await ReloadAsync(new ConfirmResult(ConfirmOutcome.PaymentDeclined, booking, declined));
        }

        var reference = payment.Reference ?? throw new InvalidOperationException("The gateway approved a payment without a reference.");
        var soldAt = time.GetUtcNow();
        SaleOutcome sale;
        try
        {
            sale = (await store.SellAsync(hold, booking, reference, soldAt, cancellationToken)).Outcome;
        }
        catch (Exception)
        {
            // Captured but not sold, or not known to be sold: give the money back unless the booking
            // turns out confirmed after all, then let the failure surface.
            await CompensateAsync(booking, reference);
            throw;
        }

        switch (sale)
        {
            case SaleOutcome.Sold:
                // The store confirmed this very booking as it stored it: no need to read it again.
                if (gate is not null)
                {
                    await gate.EndTurnAsync(hold.PerformanceId, memberId);
                }

                return new ConfirmResult(ConfirmOutcome.Confirmed, booking, Confirmed);
            case SaleOutcome.NotPending:
                // Finished elsewhere: a replay confirmed it (same charge, keep it), or the reconciler
                // gave up on it while this charge was in flight (refund it; a second refund is a no-op).
                var finished = await store.FindAsync(booking.Id, CancellationToken.None) ?? booking;
                if (finished.Status == BookingStatus.Confirmed)
                {
                    return Answer(finished);
                }

                try
                {
                    // Cancelled as unpaid: write the charge down first, so a refund that fails now stays owed.
                    if (finished.PaymentReference is null)
                    {
                        await store.TryRecordLatePaymentAsync(booking.Id, reference, CancellationToken.None);
                    }
                }
                finally
                {
                    await refunds.IssueAsync(booking.Id, reference, booking.TotalAmount);
                }

                return Answer(await store.FindAsync(booking.Id, CancellationToken.None) ?? finished);
            default:
                await CompensateAsync(booking, reference);
                return await ReloadAsync(new ConfirmResult(ConfirmOutcome.HoldExpired, booking, Refunded));
        }
    }

    /// <summary>The gateway's key is the booking's: one charge per booking, and a new key (a new booking) after a decline charges afresh.</summary>
    public static string GatewayKey(Booking booking) => $"booking-{booking.Id:N}";

    /// <summary>"AT", the date (yyMMdd, UTC) and six random characters without look-alikes, e.g. AT260315K7QH2M.</summary>
    public static string NewNumber(DateTimeOffset now) =>
        "AT" + now.UtcDateTime.ToString("yyMMdd", CultureInfo.InvariantCulture) + RandomNumberGenerator.GetString(NumberAlphabet, 6);

    /// <summary>
    /// Claims the pending booking as refunded, then refunds. Runs to the end whatever the caller's
    /// token says. If the booking cannot be claimed because it is confirmed, the seats are sold and
    /// the payment stays; if someone else ended it unpaid (the reconciler gave up on it while this
    /// charge was in flight), the charge is written down on it and refunded; if the store cannot be
    /// reached at all, the member's money comes first.
    /// </summary>
    private async Task CompensateAsync(Booking booking, string reference)
    {
        try
        {
            if (!await store.TryMarkRefundedAsync(booking.Id, reference, time.GetUtcNow(), CancellationToken.None))
            {
                var finished = await store.FindAsync(booking.Id, CancellationToken.None);
                if (finished is null || finished.Status == BookingStatus.Confirmed)
                {
                    return;
                }

                if (finished.PaymentReference is null)
                {
                    await store.TryRecordLatePaymentAsync(booking.Id, reference, CancellationToken.None);
                }
            }
        }
        catch (Exception)
        {
            // The store is away: refund anyway; the reconciler finds the booking still pending later.
        }

        await refunds.IssueAsync(booking.Id, reference, booking.TotalAmount);
    }

    /// <summary>The refusal, with the booking as the store has it now; unless another request confirmed it meanwhile.</summary>
    private async Task<ConfirmResult> ReloadAsync(ConfirmResult refused)
    {
        var current = await store.FindAsync(refused.Booking!.Id, CancellationToken.None) ?? refused.Booking;
        return current.Status == BookingStatus.Confirmed
            ? Answer(current)
            : refused with { Booking = current };
    }

    /// <summary>What a finished booking says when its key comes again.</summary>
    private static ConfirmResult Answer(Booking booking) => booking.Status switch
    {
        BookingStatus.Confirmed => new ConfirmResult(ConfirmOutcome.Confirmed, booking, Confirmed),
        BookingStatus.Refunded => new ConfirmResult(ConfirmOutcome.HoldExpired, booking, Refunded),
        BookingStatus.Cancelled when booking.ConfirmedAt is not null => new ConfirmResult(ConfirmOutcome.Confirmed, booking, ConfirmedThenCancelled),
        BookingStatus.Cancelled => new ConfirmResult(ConfirmOutcome.PaymentDeclined, booking, DeclinedBefore),
        _ => new ConfirmResult(ConfirmOutcome.PaymentDeclined, booking, PaymentNotCompleted),
    };
}
