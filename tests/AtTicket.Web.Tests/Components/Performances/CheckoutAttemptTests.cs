using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Payments;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>
/// One checkout attempt, one charge: the form is busy while the gateway takes its time (here a second on the
/// test's clock) and ignores a second submit; a call that fails is retried with the same idempotency key.
/// </summary>
public sealed class CheckoutAttemptTests : PerformancePageContext, IClassFixture<DemoDatabaseTemplate>
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);

    public CheckoutAttemptTests(DemoDatabaseTemplate template)
        : base(template)
    {
        Services.Configure<PaymentOptions>(o => o.SimulatedLatencyMilliseconds = (int)Latency.TotalMilliseconds);
        Services.AddSingleton<FailingOnceGateway>();
        Services.Replace(ServiceDescriptor.Singleton<IPaymentGateway>(sp => sp.GetRequiredService<FailingOnceGateway>()));
    }

    [Fact]
    public async Task While_paying_the_form_shows_progress_and_a_second_submit_charges_nothing_more()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        await HoldAsync(page, (await RowAsync("Floor A", "H")).Take(2).ToList());
        await FillCardAsync(page, "4242 4242 4242 4242");

        var first = page.Find("form.checkout").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Paying…", page.Find("[data-testid=pay]").TextContent.Trim()), LoadLimit);
        Assert.True(page.Find("[data-testid=pay]").HasAttribute("disabled"));
        Assert.NotEmpty(page.FindAll("[data-testid=pay] .mud-progress-circular"));
        Assert.Equal("true", page.Find("form.checkout").GetAttribute("aria-busy"));
        Assert.True(Button(page, "Release seats").HasAttribute("disabled"));
        Assert.True(page.Find("input[data-testid=card-number]").HasAttribute("readonly"));

        await page.Find("form.checkout").SubmitAsync(); // Enter again: ignored while the first is under way
        await Calls.Reached.Task.WaitAsync(LoadLimit, Cancellation);
        Clock.Advance(Latency);
        await first;

        var booking = Assert.Single(await BookingsOfAsync());
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Single(Gateway.Ledger.Charges);
        Assert.Equal($"bookings/{booking.Id}?new=1", CurrentPath());
    }

    [Fact]
    public async Task After_a_failed_call_the_same_card_is_retried_with_the_same_key_and_charged_once()
    {
        using var culture = new CultureScope("en");
        Calls.FailNext = true;
        var page = RenderPage();
        await HoldAsync(page, (await RowAsync("Floor B", "H")).Take(2).ToList());
        await FillCardAsync(page, "4242 4242 4242 4242");

        await page.Find("form.checkout").SubmitAsync();

        Assert.Equal(
            "We could not finish that request. Nothing was charged. Please try again in a moment.",
            page.Find("[data-testid=payment-problem]").TextContent.Trim());
        var pending = Assert.Single(await BookingsOfAsync());
        Assert.Equal(BookingStatus.PendingPayment, pending.Status);
        Assert.Single(page.FindAll("[data-testid=hold-panel]"));

        var retry = page.Find("form.checkout").SubmitAsync();
        await Calls.Reached.Task.WaitAsync(LoadLimit, Cancellation);
        Clock.Advance(Latency);
        await retry;

        var booking = Assert.Single(await BookingsOfAsync());
        Assert.Equal((pending.Id, pending.IdempotencyKey, BookingStatus.Confirmed), (booking.Id, booking.IdempotencyKey, booking.Status));
        Assert.Single(Gateway.Ledger.Charges);
        Assert.Equal($"bookings/{booking.Id}?new=1", CurrentPath());
    }

    private FailingOnceGateway Calls => Services.GetRequiredService<FailingOnceGateway>();

    private SimulatedPaymentGateway Gateway => Services.GetRequiredService<SimulatedPaymentGateway>();

    private string CurrentPath()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        return navigation.ToBaseRelativePath(navigation.Uri);
    }

    private async Task<IReadOnlyList<Booking>> BookingsOfAsync()
    {
        await using var db = await ContextAsync();
        return await db.Bookings.AsNoTracking().Where(b => b.MemberId == MemberId).ToListAsync(Cancellation);
    }

    /// <summary>
    /// The simulated gateway, except that a call can be made to fail before it reaches the processor, as a
    /// dropped connection would; <see cref="Reached"/> completes once a charge is waiting on the clock.
    /// </summary>
    private sealed class FailingOnceGateway(SimulatedPaymentGateway inner) : IPaymentGateway
    {
        public bool FailNext { get; set; }

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new HttpRequestException("The connection to the processor was reset.");
            }

            var charge = inner.AuthorizeAndCaptureAsync(request, cancellationToken); // its delay starts here
            Reached.TrySetResult();
            return charge;
        }

        public Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken) => inner.RefundAsync(reference, amount, cancellationToken);

        public Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindAsync(idempotencyKey, cancellationToken);
    }
}
