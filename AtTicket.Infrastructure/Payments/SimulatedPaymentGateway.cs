using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Options;

namespace AtTicket.Infrastructure.Payments;

/// <summary>
/// A card processor that behaves like a real one, for development, demos and tests: the test cards of
/// API.md, a latency on every call, a unique reference per attempt, idempotency keys that answer the
/// first result and charge once (also when the same key arrives many times at once, on any node), and
/// refunds that succeed once per approved payment. Everything it charges and refunds is in its books
/// (<see cref="IPaymentLedger"/>). It decides as a request arrives and answers after the latency, as
/// a processor that has taken the money while the answer travels back: a caller that stops waiting, or
/// a node that dies meanwhile, does not undo a charge, and asking again with the same key tells what
/// happened.
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

    private readonly TimeProvider _time;

    /// <summary>A gateway with books of its own in memory (<see cref="PaymentLedger"/>).</summary>
    public SimulatedPaymentGateway(IOptions<PaymentOptions> options, TimeProvider time)
        : this(options, time, new PaymentLedger())
    {
    }

    public SimulatedPaymentGateway(IOptions<PaymentOptions> options, TimeProvider time, IPaymentLedger books)
    {
        Latency = TimeSpan.FromMilliseconds(options.Value.SimulatedLatencyMilliseconds);
        _time = time;
        Books = books;
    }

    public TimeSpan Latency { get; }

    public IPaymentLedger Books { get; }

    /// <summary>The books, when they are in memory: what tests of a single node read.</summary>
    public PaymentLedger Ledger => Books as PaymentLedger
        ?? throw new InvalidOperationException($"This gateway keeps its books in {Books.GetType().Name}; read them through {nameof(Books)}.");

    public async Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        // Once sent, the request is the processor's: the caller's token no longer stops it.
        var fingerprint = Fingerprint(request);
        var first = await Books.RecordAsync(Decide(request, fingerprint), CancellationToken.None);
        await AnswerAsync(first, cancellationToken);
        return first.Fingerprint == fingerprint
            ? first.Result
            : new PaymentResult(PaymentOutcome.KeyReused, null, KeyReusedMessage);
    }

    public async Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (await Books.FindAsync(idempotencyKey, cancellationToken) is not { } attempt)
        {
            return null;
        }

        await AnswerAsync(attempt, cancellationToken);
        return attempt.Result;
    }

    public async Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference) || amount <= 0)
        {
            return false;
        }

        await Task.Delay(Latency, _time, cancellationToken);
        return await Books.TryRecordRefundAsync(reference, amount, _time.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>The processor's decision on a request as it arrives; it answers <see cref="Latency"/> later.</summary>
    private LedgerAttempt Decide(PaymentRequest request, string fingerprint)
    {
        var answeredAt = _time.GetUtcNow() + Latency;
        PaymentResult result;
        try
        {
            CardValidation.Ensure(request.Card, _time);
            result = request.Card.Digits switch
            {
                ApprovedCard => new PaymentResult(PaymentOutcome.Approved, NewReference(), ApprovedMessage),
                InsufficientFundsCard => new PaymentResult(PaymentOutcome.InsufficientFunds, NewReference(), InsufficientFundsMessage),
                GatewayErrorCard => new PaymentResult(PaymentOutcome.GatewayError, null, GatewayErrorMessage),
                _ => new PaymentResult(PaymentOutcome.Declined, NewReference(), DeclinedMessage),
            };
        }
        catch (DomainException refused)
        {
            result = new PaymentResult(PaymentOutcome.Declined, NewReference(), refused.Message);
        }

        return new LedgerAttempt(request.IdempotencyKey, fingerprint, result, request.Amount, request.Card.LastFour, answeredAt);
    }

    /// <summary>Waits until the processor's answer to <paramref name="attempt"/> has arrived.</summary>
    private async Task AnswerAsync(LedgerAttempt attempt, CancellationToken cancellationToken)
    {
        var wait = attempt.AnsweredAt - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private static string NewReference() => $"sim_{Guid.CreateVersion7():N}";

    /// <summary>
    /// What must match for a repeated key to be the same payment: the amount and the card, which the books
    /// know by its last four digits and expiry only (they never keep a card number), hashed to a fixed length.
    /// </summary>
    private static string Fingerprint(PaymentRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{request.Amount}|{request.Card.LastFour}|{request.Card.Expiry.Trim()}"))));
}
