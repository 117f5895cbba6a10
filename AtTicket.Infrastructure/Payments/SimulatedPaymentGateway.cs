using System.Collections.Concurrent;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Options;

namespace AtTicket.Infrastructure.Payments;

/// <summary>
/// A card processor that behaves like a real one, for development, demos and tests: the test cards of
/// API.md, a latency on every call, a unique reference per attempt, idempotency keys that answer the
/// first result and charge once (also when the same key arrives many times at once), and refunds that
/// succeed once per approved payment. Everything it charges and refunds is in <see cref="Ledger"/>.
/// A caller that stops waiting does not stop a charge already sent, as with a real processor: asking
/// again with the same key tells what happened.
/// </summary>
public sealed class SimulatedPaymentGateway : IPaymentGateway
{
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string InsufficientFundsCard = "4000000000009995";
    public const string GatewayErrorCard = "4000000000000119";

    public const string ApprovedMessage = "Payment approved.";
    public const string DeclinedMessage = "The card was declined. Try another card.";
    public const string InsufficientFundsMessage = "The card was declined for insufficient funds. Try another card.";
    public const string GatewayErrorMessage = "The payment service did not answer; nothing was charged. Please try again.";
    public const string KeyReusedMessage = "This idempotency key was already used for a different payment; nothing was charged.";

    private readonly ConcurrentDictionary<string, Lazy<Task<Attempt>>> _attempts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SimulatedPaymentGateway(IOptions<PaymentOptions> options, TimeProvider time)
    {
        Latency = TimeSpan.FromMilliseconds(options.Value.SimulatedLatencyMilliseconds);
        _time = time;
    }

    public TimeSpan Latency { get; }

    public PaymentLedger Ledger { get; } = new();

    public async Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var fingerprint = Fingerprint.Of(request);
        var attempt = _attempts.GetOrAdd(request.IdempotencyKey, _ => new Lazy<Task<Attempt>>(() => ProcessAsync(request, fingerprint)));
        Attempt first;
        try
        {
            first = await attempt.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (attempt.Value.IsFaulted)
        {
            // Not a processor answer (a bug, not a refusal): let the key be used again.
            _attempts.TryRemove(KeyValuePair.Create(request.IdempotencyKey, attempt));
            throw;
        }

        return first.Fingerprint == fingerprint
            ? first.Result
            : new PaymentResult(PaymentOutcome.GatewayError, null, KeyReusedMessage);
    }

    public async Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!_attempts.TryGetValue(idempotencyKey, out var attempt))
        {
            return null;
        }

        try
        {
            return (await attempt.Value.WaitAsync(cancellationToken)).Result;
        }
        catch (Exception) when (attempt.Value.IsFaulted)
        {
            return null;
        }
    }

    public async Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference) || amount <= 0)
        {
            return false;
        }

        await Task.Delay(Latency, _time, cancellationToken);
        return Ledger.TryRecordRefund(reference, amount, _time.GetUtcNow());
    }

    /// <summary>The processor's side of one idempotency key. Runs once, to the end, whoever waits for it.</summary>
    private async Task<Attempt> ProcessAsync(PaymentRequest request, Fingerprint fingerprint)
    {
        await Task.Delay(Latency, _time, CancellationToken.None);

        try
        {
            CardValidation.Ensure(request.Card, _time);
        }
        catch (DomainException refused)
        {
            return new Attempt(fingerprint, new PaymentResult(PaymentOutcome.Declined, NewReference(), refused.Message));
        }

        var result = request.Card.Digits switch
        {
            ApprovedCard => Capture(request),
            InsufficientFundsCard => new PaymentResult(PaymentOutcome.InsufficientFunds, NewReference(), InsufficientFundsMessage),
            GatewayErrorCard => new PaymentResult(PaymentOutcome.GatewayError, null, GatewayErrorMessage),
            _ => new PaymentResult(PaymentOutcome.Declined, NewReference(), DeclinedMessage),
        };
        return new Attempt(fingerprint, result);
    }

    private PaymentResult Capture(PaymentRequest request)
    {
        var reference = NewReference();
        Ledger.RecordCharge(new LedgerCharge(reference, request.Amount, request.IdempotencyKey, request.Card.LastFour, _time.GetUtcNow()));
        return new PaymentResult(PaymentOutcome.Approved, reference, ApprovedMessage);
    }

    private static string NewReference() => $"sim_{Guid.CreateVersion7():N}";

    private sealed record Attempt(Fingerprint Fingerprint, PaymentResult Result);

    /// <summary>What must match for a repeated key to be the same payment: the amount and the card.</summary>
    private sealed record Fingerprint(long Amount, string CardDigits, string Expiry)
    {
        public static Fingerprint Of(PaymentRequest request) => new(request.Amount, request.Card.Digits, request.Card.Expiry.Trim());
    }
}
