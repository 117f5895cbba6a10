using System.Diagnostics;
using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Infrastructure.Telemetry;

/// <summary>The card processor, counting payments by outcome and refunds by result, each call a client span of a checkout's trace.</summary>
internal sealed class ObservedPaymentGateway(IPaymentGateway inner, AtTicketMetrics metrics) : IPaymentGateway
{
    private static readonly ActivitySource Spans = new(AtTicketMetrics.MeterName);

    public async Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        using var span = Spans.StartActivity("payment capture", ActivityKind.Client);
        var result = await inner.AuthorizeAndCaptureAsync(request, cancellationToken);
        span?.SetTag("atticket.payment.outcome", result.Outcome.ToString());
        metrics.Payment(result.Outcome);
        return result;
    }

    public async Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken)
    {
        using var span = Spans.StartActivity("payment refund", ActivityKind.Client);
        var issued = await inner.RefundAsync(reference, amount, cancellationToken);
        span?.SetTag("atticket.refund.issued", issued);
        metrics.Refund(issued);
        return issued;
    }

    public Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindAsync(idempotencyKey, cancellationToken);
}
