using System.Diagnostics;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// Checkout, cancellation and reconciliation of one app node as the app wires them, on the test's
/// clock, paying through a simulated gateway without latency (or a troubled one in front of it).
/// </summary>
internal sealed class Shop(IServiceProvider node, FakeTimeProvider clock, IPaymentGateway? gateway = null, SimulatedPaymentGateway? simulated = null)
{
    public static readonly CardDetails Card = new(SimulatedPaymentGateway.ApprovedCard, "12/39", "123", "Kim Minji");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public FakeTimeProvider Clock => clock;

    /// <summary>The processor's books: every capture and refund.</summary>
    public SimulatedPaymentGateway Simulated { get; } = simulated ?? NewGateway(TimeProvider.System);

    /// <summary>What the node's services call; the simulated processor unless the test put something in front of it.</summary>
    public IPaymentGateway Gateway => gateway ?? Simulated;

    public PaymentLedger Ledger => Simulated.Ledger;

    public IBookingStore Store => node.GetRequiredService<IBookingStore>();

    public RefundIssuer Refunds => new(Store, Gateway, clock);

    public BookingService Checkout => new(Store, Gateway, Refunds, clock);

    public BookingCancellation Cancellation => new(Store, Refunds, clock);

    public BookingReconciler Reconciler(BookingLimits? limits = null) => new(Store, Gateway, Refunds, clock, limits ?? new BookingLimits());

    /// <summary>The same node, clock and processor with another gateway in front of the processor.</summary>
    public Shop Through(IPaymentGateway other) => new(node, clock, other, Simulated);

    public static SimulatedPaymentGateway NewGateway(TimeProvider time, int latencyMilliseconds = 0) =>
        new(Options.Create(new PaymentOptions { SimulatedLatencyMilliseconds = latencyMilliseconds }), time);

    /// <summary>A hold of the member's on the seats, made on the shop's clock.</summary>
    public async Task<SeatHold> HoldAsync(string memberId, int performanceId, params int[] seatIds)
    {
        var result = await BookingData.Holds(node, clock).HoldSeatsAsync(memberId, performanceId, seatIds, Ct);
        Assert.True(result.Outcome == HoldOutcome.Held, $"{result.Outcome}: {result.Reason}");
        return result.Hold!;
    }

    /// <summary>The member's seats held and paid through the checkout: a confirmed booking, its seats sold, its charge in the ledger.</summary>
    public async Task<Booking> ConfirmedAsync(string memberId, int performanceId, params int[] seatIds)
    {
        var hold = await HoldAsync(memberId, performanceId, seatIds);
        var result = await Checkout.ConfirmAsync(memberId, hold.Id, $"checkout-{Guid.NewGuid():N}", Card, Ct);
        Assert.True(result.Outcome == ConfirmOutcome.Confirmed, $"{result.Outcome}: {result.Message}");
        return result.Booking!;
    }

    /// <summary>
    /// Waits for <paramref name="work"/>, moving the clock on while it runs, so that waits on the clock
    /// (the refund issuer's pauses between attempts) end.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var task = work();
        while (!task.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5, Ct);
        }

        return await task;
    }

    public Task<Booking?> StoredAsync(Guid bookingId) =>
        ReadAsync(node, db => db.Bookings.AsNoTracking().Include(b => b.Tickets).SingleOrDefaultAsync(b => b.Id == bookingId, Ct));

    public Task<List<Booking>> StoredForAsync(int performanceId) =>
        ReadAsync(node, db => db.Bookings.AsNoTracking().Include(b => b.Tickets).Where(b => b.PerformanceId == performanceId).ToListAsync(Ct));
}

/// <summary>
/// A gateway in front of the simulated processor that misbehaves as a network does: the request never
/// arrives (<see cref="Unreachable"/>), the processor acts but its answer is lost (<see cref="LoseAnswers"/>),
/// refunds cannot be sent (<see cref="RefuseRefunds"/>), or the request waits on the way (<see cref="Gate"/>).
/// </summary>
internal sealed class TroubledGateway(IPaymentGateway processor) : IPaymentGateway
{
    private int _refundAttempts;

    public bool Unreachable { get; set; }
    public bool LoseAnswers { get; set; }
    public bool RefuseRefunds { get; set; }

    /// <summary>When set, a charge waits for it before it reaches the processor.</summary>
    public Task? Gate { get; set; }

    /// <summary>Runs as a charge leaves for the processor, e.g. to move a clock on.</summary>
    public Action? OnTheWay { get; set; }

    public int RefundAttempts => _refundAttempts;

    public async Task<PaymentResult> AuthorizeAndCaptureAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        OnTheWay?.Invoke();
        if (Gate is not null)
        {
            await Gate;
        }

        if (Unreachable)
        {
            throw new HttpRequestException("Connection refused.");
        }

        var result = await processor.AuthorizeAndCaptureAsync(request, cancellationToken);
        return LoseAnswers ? throw new HttpRequestException("The connection was reset before the processor answered.") : result;
    }

    public Task<bool> RefundAsync(string reference, long amount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refundAttempts);
        return RefuseRefunds
            ? Task.FromException<bool>(new HttpRequestException("The payment service did not answer."))
            : processor.RefundAsync(reference, amount, cancellationToken);
    }

    public Task<PaymentResult?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        processor.FindAsync(idempotencyKey, cancellationToken);
}

internal static class Race
{
    /// <summary>Starts every contender, lets them all go at once, and waits for the last; an exception is kept, not thrown.</summary>
    public static async Task<((T Result, Exception? Error)[] Results, TimeSpan Duration)> RunAsync<T>(int count, Func<int, Task<T>> contender)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ready = new CountdownEvent(count);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            ready.Signal();
            await gate.Task;
            try
            {
                return (Result: await contender(i), Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Result: default(T)!, Error: e);
            }
        })).ToArray();
        ready.Wait(TestContext.Current.CancellationToken);
        var watch = Stopwatch.StartNew();
        gate.SetResult();
        var results = await Task.WhenAll(tasks);
        return (results, watch.Elapsed);
    }
}
