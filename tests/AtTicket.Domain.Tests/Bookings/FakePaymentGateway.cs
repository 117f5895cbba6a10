using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Domain.Tests.Bookings;

/// <summary>
/// A gateway that answers <see cref="NextOutcome"/>, once per idempotency key (a repeated key answers
/// the first result without charging), and keeps its books. <see cref="DuringCharge"/> runs while the
/// charge is in flight, e.g. to let the clock pass the hold's expiry; <see cref="LoseAnswers"/> makes
/// the processor act but its answer never arrive; <see cref="RefundFailures"/> makes that many refund
/// calls throw, as an unreachable processor does.
/// </summary>
internal sealed class FakePaymentGateway : IPaymentGateway
{
    private readonly Dictionary<string, PaymentResult> _byKey = [];
    private int _references;

    public PaymentOutcome NextOutcome { get; set; } = PaymentOutcome.Approved;
    public Action? DuringCharge { get; set; }
    public bool LoseAnswers { get; set; }
    public int RefundFailures { get; set; }
    public int RefundCalls { get; private set; }
    public List<PaymentRequest> Requests { get; } = [];
    public List<(string Reference, long Amount)> Charges { get; } = [];
    public List<(string Reference, long Amount)> Refunds { get; } = [];
    public long NetCaptured => Charges.Sum(c => c.Amount) - Refunds.Sum(r => r.Amount);

    public Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (_byKey.TryGetValue(request.IdempotencyKey, out var first))
        {
            return Task.FromResult(first);
        }

        DuringCharge?.Invoke();
        var reference = $"ref-{++_references}";
        var result = NextOutcome switch
        {
            PaymentOutcome.Approved => new PaymentResult(PaymentOutcome.Approved, reference, "Payment approved."),
            PaymentOutcome.GatewayError => new PaymentResult(PaymentOutcome.GatewayError, null, "The payment service did not answer."),
            var refused => new PaymentResult(refused, reference, "The card was declined."),
        };
        if (result.IsApproved)
        {
            Charges.Add((reference, request.Amount));
        }

        _byKey[request.IdempotencyKey] = result;
        return LoseAnswers
            ? Task.FromException<PaymentResult>(new HttpRequestException("The connection was reset before the processor answered."))
            : Task.FromResult(result);
    }

    public Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(_byKey.GetValueOrDefault(idempotencyKey));

    public Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken)
    {
        RefundCalls++;
        if (RefundFailures > 0)
        {
            RefundFailures--;
            return Task.FromException<bool>(new HttpRequestException("The payment service did not answer."));
        }

        if (!Charges.Exists(c => c.Reference == reference && c.Amount >= amount) || Refunds.Exists(r => r.Reference == reference))
        {
            return Task.FromResult(false);
        }

        Refunds.Add((reference, amount));
        return Task.FromResult(true);
    }
}
