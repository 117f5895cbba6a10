using AtTicket.Domain.Bookings;

namespace AtTicket.Domain.Tests.Bookings;

public class RefundIssuerTests
{
    private readonly DrivenClock _clock = new();
    private readonly FakeBookingStore _store = new();
    private readonly FakePaymentGateway _gateway = new();
    private readonly Booking _booking;

    public RefundIssuerTests()
    {
        // A paid checkout whose seats could not be sold: it owes its charge back.
        _booking = new BookingBuilder().Build();
        _store.AddPendingAsync(_booking, CancellationToken.None).GetAwaiter().GetResult();
        _gateway.Charges.Add(("pay_1", _booking.TotalAmount));
        _booking.MarkRefunded("pay_1", _clock.GetUtcNow());
    }

    private RefundIssuer Issuer => new(_store, _gateway, _clock);

    private Task<bool> IssueAsync() => _clock.RunAsync(() => Issuer.IssueAsync(_booking.Id, "pay_1", _booking.TotalAmount));

    [Fact]
    public async Task A_refund_is_given_back_through_the_gateway_and_recorded_on_the_booking()
    {
        var start = _clock.GetUtcNow();

        Assert.True(await Issuer.IssueAsync(_booking.Id, "pay_1", _booking.TotalAmount));

        Assert.Equal([("pay_1", _booking.TotalAmount)], _gateway.Refunds);
        Assert.Equal(start, _booking.RefundedAt);
        Assert.False(_booking.OwesRefund);
    }

    [Fact]
    public async Task A_refund_the_gateway_fails_twice_succeeds_on_the_third_attempt()
    {
        _gateway.RefundFailures = 2;
        var start = _clock.GetUtcNow();

        Assert.True(await IssueAsync());

        Assert.Equal(3, _gateway.RefundCalls);
        Assert.Single(_gateway.Refunds);
        // Recorded when the third attempt succeeded, after pausing 100 ms and then 200 ms on the clock.
        Assert.Equal(start + TimeSpan.FromMilliseconds(300), _booking.RefundedAt);
    }

    [Fact]
    public async Task A_refund_the_gateway_keeps_failing_stays_owed_after_three_attempts()
    {
        _gateway.RefundFailures = int.MaxValue;

        Assert.False(await IssueAsync());

        Assert.Equal(3, _gateway.RefundCalls);
        Assert.Empty(_gateway.Refunds);
        Assert.Null(_booking.RefundedAt);
        Assert.True(_booking.OwesRefund);
    }

    [Fact]
    public async Task A_refund_given_before_is_settled_without_a_second_refund()
    {
        _gateway.Refunds.Add(("pay_1", _booking.TotalAmount));

        Assert.True(await IssueAsync());

        Assert.Single(_gateway.Refunds);
        Assert.False(_booking.OwesRefund);
    }

    [Fact]
    public async Task Issuing_the_same_refund_twice_refunds_once()
    {
        Assert.True(await IssueAsync());
        Assert.True(await IssueAsync());

        Assert.Single(_gateway.Refunds);
        Assert.Equal(2, _gateway.RefundCalls);
    }
}
