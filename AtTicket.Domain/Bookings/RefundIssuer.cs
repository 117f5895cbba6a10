using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Domain.Bookings;

/// <summary>
/// Gives a booking's charge back through the gateway and records that it did. A refund the gateway
/// answers false to has nothing left to give back (already refunded), which settles it too; one that
/// throws is tried again a few times, and after that the booking still owes the refund for the
/// reconciler to pay.
/// </summary>
public sealed class RefundIssuer(IBookingStore store, IPaymentGateway gateway, TimeProvider time)
{
    private const int Attempts = 3;

    /// <summary>True when the refund is settled (given back now or before); false when it is still owed.</summary>
    public async Task<bool> IssueAsync(Guid bookingId, string paymentReference, long amount)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await gateway.RefundAsync(paymentReference, amount, CancellationToken.None);
                await store.MarkRefundIssuedAsync(bookingId, time.GetUtcNow(), CancellationToken.None);
                return true;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), time, CancellationToken.None);
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
