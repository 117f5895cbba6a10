using System.Net;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Tests.Api.Holds;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api.Bookings;

/// <summary>
/// A checkout key sent again with something else (another hold, another card) is refused without
/// touching the checkout it names. Called on <see cref="BookingService"/> straight, on the app's own
/// store and gateway, because only there can the steps of the race be put in order.
/// </summary>
public sealed class MismatchedReplayTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static CardDetails ApprovedCard => Card(SimulatedPaymentGateway.ApprovedCard);

    /// <summary>Answering the first hold's booking would tell the caller that hold 2, still unpaid, is booked.</summary>
    [Fact]
    public async Task A_finished_checkouts_key_sent_with_another_hold_is_refused()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var key = BookingApi.NewKey();
        var firstHold = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]));
        using (var first = await member.Client.BookAsync(firstHold, key))
        {
            await ApiAssert.JsonAsync(first, HttpStatusCode.Created);
        }

        var secondHold = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]));
        var bookings = app.Services.GetRequiredService<BookingService>();

        var exception = await Record.ExceptionAsync(() => bookings.ConfirmAsync(member.Id, secondHold, key, ApprovedCard, Cancellation));

        var refused = Assert.IsType<DomainException>(exception);
        Assert.Equal(BookingService.KeyUsedForOtherHold.Message, refused.Message);
    }

    /// <summary>
    /// A replay with another card, while the first request's payment is in flight, gets the gateway's
    /// "key reused" answer. Only the request that made the checkout may end it on a refusal, so the first
    /// request's approved payment still sells the seats.
    /// </summary>
    [Fact]
    public async Task A_replay_with_another_card_does_not_cancel_the_checkout_whose_payment_is_in_flight()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[0]));
        var store = app.Services.GetRequiredService<IBookingStore>();
        var gateway = new PausingGateway(app.Services.GetRequiredService<IPaymentGateway>(), SimulatedPaymentGateway.ApprovedCard);
        var bookings = new BookingService(store, gateway, new RefundIssuer(store, gateway, TimeProvider.System), TimeProvider.System);
        var key = BookingApi.NewKey();

        // The first request has stored its pending booking and sent the charge; it waits there.
        var first = bookings.ConfirmAsync(member.Id, holdId, key, ApprovedCard, Cancellation);
        await gateway.Sent.Task.WaitAsync(Cancellation);

        // The same key with another card finishes meanwhile; only then does the first request go on.
        var replay = await bookings.ConfirmAsync(member.Id, holdId, key, Card("5555555555554444"), Cancellation);
        gateway.Release.SetResult();
        var firstResult = await first;

        Assert.Equal(ConfirmOutcome.Confirmed, firstResult.Outcome);
        Assert.NotEqual(ConfirmOutcome.Confirmed, replay.Outcome);
        Assert.Equal("sold", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowB[0]]);
    }

    private static CardDetails Card(string number) =>
        new(number, DateTimeOffset.UtcNow.AddYears(3).ToString("MM/yy", System.Globalization.CultureInfo.InvariantCulture), "123", "Kim Minji");

    private async Task<SmallShow> SmallShowAsync()
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync("Mismatched replay show");
    }

    /// <summary>The app's gateway, except that the charge of one card, once sent, answers only when the test says so.</summary>
    private sealed class PausingGateway(IPaymentGateway inner, string pausedCardDigits) : IPaymentGateway
    {
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken)
        {
            var charge = inner.AuthorizeAndCaptureAsync(request, cancellationToken);
            if (request.Card.Digits != pausedCardDigits)
            {
                return await charge;
            }

            Sent.TrySetResult();
            var result = await charge;
            await Release.Task.WaitAsync(cancellationToken);
            return result;
        }

        public Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken) =>
            inner.RefundAsync(reference, amount, cancellationToken);

        public Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            inner.FindAsync(idempotencyKey, cancellationToken);
    }
}
