using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Payments;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Infrastructure.Tests.Payments;

public sealed class SimulatedPaymentGatewayTests
{
    private const long Amount = 198_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SimulatedPaymentGateway Gateway(int latencyMilliseconds = 0, TimeProvider? time = null) =>
        new(Options.Create(new PaymentOptions { SimulatedLatencyMilliseconds = latencyMilliseconds }), time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero)));

    private static PaymentRequest Request(string number = "4242 4242 4242 4242", long amount = Amount, string? key = null, string expiry = "08/29") =>
        new(amount, new CardDetails(number, expiry, "123", "Kim Minji"), key ?? Guid.NewGuid().ToString());

    [Fact]
    public async Task The_approved_test_card_is_charged_once_under_a_unique_reference()
    {
        var gateway = Gateway();
        var request = Request("4242 4242 4242 4242", key: "hold-1");

        var result = await gateway.AuthorizeAndCaptureAsync(request, Ct);

        Assert.Equal(PaymentOutcome.Approved, result.Outcome);
        Assert.True(result.IsApproved);
        Assert.StartsWith("sim_", result.Reference);
        Assert.Equal(SimulatedPaymentGateway.ApprovedMessage, result.Message);
        var charge = Assert.Single(gateway.Ledger.Charges);
        Assert.Equal((result.Reference!, Amount, "hold-1", "4242"), (charge.Reference, charge.Amount, charge.IdempotencyKey, charge.CardLastFour));
        Assert.Equal(Amount, gateway.Ledger.NetCaptured);
    }

    [Theory]
    [InlineData("4000 0000 0000 0002", PaymentOutcome.Declined, SimulatedPaymentGateway.DeclinedMessage)]
    [InlineData("4000 0000 0000 9995", PaymentOutcome.InsufficientFunds, SimulatedPaymentGateway.InsufficientFundsMessage)]
    [InlineData("5555 5555 5555 4444", PaymentOutcome.Declined, SimulatedPaymentGateway.DeclinedMessage)]
    [InlineData("4000 0000 0000 0010", PaymentOutcome.Declined, SimulatedPaymentGateway.DeclinedMessage)]
    public async Task Refused_test_cards_and_any_other_valid_number_are_declined_and_nothing_is_charged(string number, PaymentOutcome outcome, string message)
    {
        var gateway = Gateway();

        var result = await gateway.AuthorizeAndCaptureAsync(Request(number), Ct);

        Assert.Equal(outcome, result.Outcome);
        Assert.False(result.IsApproved);
        Assert.Equal(message, result.Message);
        Assert.StartsWith("sim_", result.Reference);
        Assert.Empty(gateway.Ledger.Charges);
    }

    [Fact]
    public async Task The_gateway_error_card_gets_an_error_without_a_reference_and_nothing_is_charged()
    {
        var gateway = Gateway();

        var result = await gateway.AuthorizeAndCaptureAsync(Request("4000 0000 0000 0119"), Ct);

        Assert.Equal(PaymentOutcome.GatewayError, result.Outcome);
        Assert.Null(result.Reference);
        Assert.Equal(SimulatedPaymentGateway.GatewayErrorMessage, result.Message);
        Assert.Empty(gateway.Ledger.Charges);
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "08/29", "The card number is not valid; check it for a typing mistake.")]
    [InlineData("4242 4242 4242 4242", "02/26", "The card has expired.")]
    public async Task A_card_that_fails_validation_at_the_gateway_is_declined_with_the_reason(string number, string expiry, string message)
    {
        var gateway = Gateway();

        var result = await gateway.AuthorizeAndCaptureAsync(Request(number, expiry: expiry), Ct);

        Assert.Equal(PaymentOutcome.Declined, result.Outcome);
        Assert.Equal(message, result.Message);
        Assert.Empty(gateway.Ledger.Charges);
    }

    [Fact]
    public async Task Every_payment_gets_its_own_reference()
    {
        var gateway = Gateway();

        var results = new List<PaymentResult>();
        for (var i = 0; i < 20; i++)
        {
            results.Add(await gateway.AuthorizeAndCaptureAsync(Request(i % 2 == 0 ? "4242424242424242" : "4000000000000002"), Ct));
        }

        Assert.Equal(20, results.Select(r => r.Reference).Distinct().Count());
        Assert.Equal(10, gateway.Ledger.Charges.Count);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_answers_the_first_result_and_charges_once()
    {
        var gateway = Gateway();

        var first = await gateway.AuthorizeAndCaptureAsync(Request(key: "confirm-7"), Ct);
        var again = await gateway.AuthorizeAndCaptureAsync(Request(key: "confirm-7"), Ct);

        Assert.True(first.IsApproved);
        Assert.Equal(first, again);
        Assert.Single(gateway.Ledger.Charges);
    }

    [Fact]
    public async Task A_declined_payment_replayed_with_its_key_is_declined_again_with_the_same_reference()
    {
        var gateway = Gateway();

        var first = await gateway.AuthorizeAndCaptureAsync(Request("4000 0000 0000 9995", key: "k"), Ct);
        var again = await gateway.AuthorizeAndCaptureAsync(Request("4000 0000 0000 9995", key: "k"), Ct);

        Assert.Equal(first, again);
        Assert.Equal(PaymentOutcome.InsufficientFunds, again.Outcome);
    }

    [Fact]
    public async Task Different_keys_are_different_payments()
    {
        var gateway = Gateway();

        var first = await gateway.AuthorizeAndCaptureAsync(Request(key: "a"), Ct);
        var second = await gateway.AuthorizeAndCaptureAsync(Request(key: "b"), Ct);

        Assert.NotEqual(first.Reference, second.Reference);
        Assert.Equal(2, gateway.Ledger.Charges.Count);
        Assert.Equal(2 * Amount, gateway.Ledger.NetCaptured);
    }

    [Fact]
    public async Task A_key_reused_for_another_amount_or_card_is_refused_and_charges_nothing_more()
    {
        var gateway = Gateway();
        var first = await gateway.AuthorizeAndCaptureAsync(Request(key: "k"), Ct);

        var otherAmount = await gateway.AuthorizeAndCaptureAsync(Request(amount: Amount + 1, key: "k"), Ct);
        var otherCard = await gateway.AuthorizeAndCaptureAsync(Request("4000 0000 0000 0002", key: "k"), Ct);
        var sameWrittenDifferently = await gateway.AuthorizeAndCaptureAsync(Request("4242-4242-4242-4242", key: "k"), Ct);

        Assert.Equal((PaymentOutcome.KeyReused, null, SimulatedPaymentGateway.KeyReusedMessage), (otherAmount.Outcome, otherAmount.Reference, otherAmount.Message));
        Assert.Equal(PaymentOutcome.KeyReused, otherCard.Outcome);
        Assert.Equal(first, sameWrittenDifferently);
        Assert.Single(gateway.Ledger.Charges);
    }

    [Fact]
    public async Task Fifty_parallel_calls_with_one_key_charge_once_and_all_get_the_same_answer()
    {
        var gateway = Gateway(latencyMilliseconds: 20, time: TimeProvider.System);
        using var start = new ManualResetEventSlim();

        var calls = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(
                async () =>
                {
                    start.Wait(Ct);
                    return await gateway.AuthorizeAndCaptureAsync(Request(key: "flash-sale", expiry: "12/99"), Ct);
                },
                Ct))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.IsApproved));
        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Single(gateway.Ledger.Charges);
        Assert.Equal(Amount, gateway.Ledger.NetCaptured);
    }

    [Fact]
    public async Task An_approved_payment_is_refunded_once()
    {
        var gateway = Gateway();
        var payment = await gateway.AuthorizeAndCaptureAsync(Request(), Ct);

        var refunded = await gateway.RefundAsync(payment.Reference!, Amount, Ct);
        var again = await gateway.RefundAsync(payment.Reference!, Amount, Ct);

        Assert.True(refunded);
        Assert.False(again);
        var refund = Assert.Single(gateway.Ledger.Refunds);
        Assert.Equal((payment.Reference, Amount), (refund.Reference, refund.Amount));
        Assert.True(gateway.Ledger.IsRefunded(payment.Reference!));
        Assert.Equal(0, gateway.Ledger.NetCaptured);
    }

    [Fact]
    public async Task Fifty_parallel_refunds_of_one_payment_succeed_once()
    {
        var gateway = Gateway(latencyMilliseconds: 5, time: TimeProvider.System);
        var payment = await gateway.AuthorizeAndCaptureAsync(Request(expiry: "12/99"), Ct);

        var refunds = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => gateway.RefundAsync(payment.Reference!, Amount, Ct), Ct)));

        Assert.Equal(1, refunds.Count(r => r));
        Assert.Single(gateway.Ledger.Refunds);
    }

    [Fact]
    public async Task A_part_of_a_payment_can_be_refunded_but_never_more_than_was_charged()
    {
        var gateway = Gateway();
        var payment = await gateway.AuthorizeAndCaptureAsync(Request(), Ct);

        Assert.False(await gateway.RefundAsync(payment.Reference!, Amount + 1, Ct));
        Assert.False(await gateway.RefundAsync(payment.Reference!, 0, Ct));
        Assert.True(await gateway.RefundAsync(payment.Reference!, 99_000, Ct));

        Assert.Equal(Amount - 99_000, gateway.Ledger.NetCaptured);
    }

    [Fact]
    public async Task Only_an_approved_payment_can_be_refunded()
    {
        var gateway = Gateway();
        var declined = await gateway.AuthorizeAndCaptureAsync(Request("4000 0000 0000 0002"), Ct);

        Assert.False(await gateway.RefundAsync(declined.Reference!, Amount, Ct));
        Assert.False(await gateway.RefundAsync("sim_unknown", Amount, Ct));
        Assert.False(await gateway.RefundAsync(" ", Amount, Ct));
        Assert.Empty(gateway.Ledger.Refunds);
    }

    [Fact]
    public async Task Every_call_takes_the_configured_latency()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        var gateway = Gateway(latencyMilliseconds: 300, time: clock);

        var payment = gateway.AuthorizeAndCaptureAsync(Request(), Ct);
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(payment.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await payment.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var refund = gateway.RefundAsync(result.Reference!, Amount, Ct);
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(refund.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await refund.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_does_not_stop_the_charge_and_learns_the_result_by_asking_again_with_its_key()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        var gateway = Gateway(latencyMilliseconds: 300, time: clock);
        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var payment = gateway.AuthorizeAndCaptureAsync(Request(key: "k"), impatient.Token);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => payment);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        var asked = await gateway.AuthorizeAndCaptureAsync(Request(key: "k"), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(asked.IsApproved);
        Assert.Equal(asked.Reference, Assert.Single(gateway.Ledger.Charges).Reference);
    }

    [Fact]
    public async Task A_refund_cancelled_while_waiting_refunds_nothing()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        var gateway = Gateway(latencyMilliseconds: 300, time: clock);
        var payment = gateway.AuthorizeAndCaptureAsync(Request(), Ct);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        var reference = (await payment.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Reference!;
        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var refund = gateway.RefundAsync(reference, Amount, impatient.Token);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refund);
        Assert.Empty(gateway.Ledger.Refunds);
    }
}
