using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// Two hundred checkouts at once, on two nodes, on holds that all expire at the same instant, while
/// sweepers on both nodes release expired holds as the clock crosses that instant. Whoever wins each
/// hold, the seats, the bookings and the money must agree.
/// </summary>
public sealed class CheckoutContentionTests(MigratedDatabases databases, ITestOutputHelper output) : IClassFixture<MigratedDatabases>
{
    private const int Contenders = 200;
    private const int SweepersPerNode = 2;

    /// <summary>The payments racing the sweep come back within this long of the crossing, each at its own moment.</summary>
    private const int PaymentSpreadMilliseconds = 1000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>When a contender pays, against the holds' expiry.</summary>
    private enum Timing
    {
        /// <summary>Pays at the hold's last live instant, straight away: sells unless the sweepers get there first.</summary>
        BeforeTheSweep,

        /// <summary>Pays at the hold's last live instant; the payment comes back as the sweepers' clock crosses the expiry.</summary>
        RacingTheSweep,

        /// <summary>The hold is live when the member pays and has expired by the time the payment comes back.</summary>
        ExpiresWhilePaying,

        /// <summary>The hold has expired when the member pays: refused before any charge.</summary>
        AlreadyExpired,
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_hundred_checkouts_racing_the_sweepers_at_the_expiry_never_sell_without_a_booking_nor_keep_a_charge_without_seats(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var node = database.Services;
        await using var otherNode = database.NewNode();
        var performance = await OnSaleAsync(node, rows: 15, seatsPerRow: 20);
        var members = await MembersAsync(node, Contenders);

        // Contender i holds one seat, or two when i is odd: 300 seats, every hold made at the same instant.
        var start = ClockAtNow();
        var holdService = Holds(node, start);
        var holds = new List<SeatHold>();
        var nextSeat = 0;
        for (var i = 0; i < Contenders; i++)
        {
            var seats = performance.Hall.SeatIds.Skip(nextSeat).Take(i % 2 == 1 ? 2 : 1).ToArray();
            nextSeat += seats.Length;
            var held = await holdService.HoldSeatsAsync(members[i], performance.Id, seats, Ct);
            Assert.True(held.Outcome == HoldOutcome.Held, $"{held.Outcome}: {held.Reason}");
            holds.Add(held.Hold!);
        }

        var expiry = holds[0].ExpiresAt;
        Assert.All(holds, h => Assert.Equal(expiry, h.ExpiresAt));
        var timing = Enumerable.Range(0, Contenders).Select(i => (Timing)(i % 4)).ToList();

        // One processor for both nodes, a few milliseconds per call. The payments racing the sweep, or
        // expiring on the way, wait on their way to the processor until all of them are on their way. At
        // that moment the sweepers' clock crosses the expiry (before, it reads the expiry itself: nothing
        // has expired) and moves on a millisecond each time a sweeper reads it, while the waiting payments
        // go through, each at its own moment within a second, so sales and sweeps meet on both engines.
        var processor = Shop.NewGateway(TimeProvider.System, latencyMilliseconds: 5);
        var sweepClock = new FakeTimeProvider(expiry.AddMilliseconds(1)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var crossing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gated = timing.Count(t => t is Timing.RacingTheSweep or Timing.ExpiresWhilePaying);
        var onTheirWay = 0;
        void LeaveForTheProcessor()
        {
            if (Interlocked.Increment(ref onTheirWay) == gated)
            {
                crossing.SetResult();
            }
        }

        async Task ComesBackAsync(int i)
        {
            await crossing.Task;
            await Task.Delay(i * 7919 % PaymentSpreadMilliseconds, Ct);
        }

        var nodes = new IServiceProvider[] { node, otherNode };
        var sweepers = nodes.SelectMany(n => Enumerable.Repeat(Inventory(n), SweepersPerNode)).ToList();
        var finished = 0;
        var sweptSeats = 0;
        var sweeperRetries = 0;

        var (results, duration) = await Race.RunAsync(Contenders + sweepers.Count, async i =>
        {
            if (i >= Contenders)
            {
                // Sweep until every checkout has finished; a sweep that loses a database race goes again, as HoldSweeper does.
                var inventory = sweepers[i - Contenders];
                while (Volatile.Read(ref finished) < Contenders)
                {
                    try
                    {
                        var released = await inventory.ReleaseExpiredAsync(crossing.Task.IsCompleted ? sweepClock.GetUtcNow() : expiry, Ct);
                        Interlocked.Add(ref sweptSeats, released.Where(r => r.PerformanceId == performance.Id).Sum(r => r.SeatIds.Count));
                    }
                    catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException || exception.GetBaseException() is System.Data.Common.DbException)
                    {
                        Interlocked.Increment(ref sweeperRetries);
                    }

                    await Task.Delay(2, Ct);
                }

                return null;
            }

            var isGated = timing[i] is Timing.RacingTheSweep or Timing.ExpiresWhilePaying;
            var onItsWay = false;
            try
            {
                var clock = new FakeTimeProvider(timing[i] == Timing.AlreadyExpired ? expiry.AddMilliseconds(1) : expiry);
                IPaymentGateway gateway = !isGated ? processor : new TroubledGateway(processor)
                {
                    Gate = ComesBackAsync(i),
                    OnTheWay = () =>
                    {
                        onItsWay = true;
                        LeaveForTheProcessor();
                        if (timing[i] == Timing.ExpiresWhilePaying)
                        {
                            clock.Advance(TimeSpan.FromMilliseconds(1));
                        }
                    },
                };
                var store = nodes[i % 2].GetRequiredService<IBookingStore>();

                // Refund retries wait on the real clock, so a failing refund cannot hang the race.
                var checkout = new BookingService(store, gateway, new RefundIssuer(store, gateway, TimeProvider.System), clock);
                return await checkout.ConfirmAsync(members[i], holds[i].Id, $"race-{i}", Shop.Card, Ct);
            }
            finally
            {
                // A checkout that ends before paying must not keep the others waiting.
                if (isGated && !onItsWay)
                {
                    LeaveForTheProcessor();
                }

                Interlocked.Increment(ref finished);
            }
        });

        // What is left expired after the race is swept once more, as the next tick would.
        await Inventory(node).ReleaseExpiredAsync(expiry.AddMinutes(1), Ct);
        var bookings = (await new Shop(node, start).StoredForAsync(performance.Id)).ToDictionary(b => b.IdempotencyKey);
        var seatRows = await SeatsAsync(node, performance.Id);
        var storedHolds = (await StoredHoldsAsync(node, performance.Id)).ToDictionary(h => h.Id);
        var confirmed = bookings.Values.Where(b => b.Status == BookingStatus.Confirmed).ToList();
        var refunded = bookings.Values.Where(b => b.Status == BookingStatus.Refunded).ToList();
        var refusedBeforePayment = Enumerable.Range(0, Contenders).Count(i => !bookings.ContainsKey($"race-{i}"));
        var lostToSweep = Enumerable.Range(0, Contenders).Count(i => timing[i] is Timing.BeforeTheSweep or Timing.RacingTheSweep && results[i].Result?.Outcome != ConfirmOutcome.Confirmed);
        var line = $"[checkout race] {provider}: contenders={Contenders} seats={seatRows.Count} sweepers={sweepers.Count} confirmed={confirmed.Count} refunded={refunded.Count} "
            + $"refusedBeforePayment={refusedBeforePayment} lastInstantLostToSweep={lostToSweep} sweptSeats={sweptSeats} sweeperRetries={sweeperRetries} duration={duration.TotalMilliseconds:F0} ms";
        output.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);

        // Every checkout ended in an answer, never an error, and the answer fits its timing.
        Assert.All(results.Take(Contenders), r => Assert.Null(r.Error));
        Assert.All(results.Skip(Contenders), r => Assert.Null(r.Error));
        for (var i = 0; i < Contenders; i++)
        {
            var result = results[i].Result!;
            bookings.TryGetValue($"race-{i}", out var booking);

            // Three possible answers: sold; charged but the hold lost (to the clock or a sweeper), so refunded;
            // or the hold gone before the payment, so nothing charged and no booking.
            switch (result.Outcome, result.Said.Code)
            {
                case (ConfirmOutcome.Confirmed, RefusalCode.BookingConfirmed):
                    Assert.True(timing[i] is Timing.BeforeTheSweep or Timing.RacingTheSweep, $"Contender {i} ({timing[i]}) was sold seats.");
                    Assert.Equal(BookingStatus.Confirmed, booking?.Status);
                    break;
                case (ConfirmOutcome.HoldExpired, RefusalCode.HoldExpiredAfterPayment):
                    Assert.NotEqual(Timing.AlreadyExpired, timing[i]);
                    Assert.Equal(BookingStatus.Refunded, booking?.Status);
                    break;
                case (ConfirmOutcome.HoldExpired, RefusalCode.HoldExpired):
                    Assert.Null(booking);
                    break;
                default:
                    Assert.Fail($"Contender {i} ({timing[i]}) was answered {result.Outcome}: {result.Message}");
                    break;
            }

            Assert.Equal(result.Booking?.Id, booking?.Id);
            if (timing[i] == Timing.ExpiresWhilePaying)
            {
                Assert.NotEqual(ConfirmOutcome.Confirmed, result.Outcome);
            }

            // Nobody holds part of what they asked for: all of the hold's seats are sold to its booking, or none.
            var sold = holds[i].SeatIds.Count(id => seatRows[id].Status == SeatStatus.Sold);
            Assert.True(sold == 0 || sold == holds[i].SeatIds.Count, $"Contender {i} got {sold} of {holds[i].SeatIds.Count} seats.");
            Assert.Equal(result.Outcome == ConfirmOutcome.Confirmed ? HoldStatus.Converted : HoldStatus.Expired, storedHolds[holds[i].Id].Status);
        }

        // Every sold seat has exactly one confirmed booking, whose tickets name it; every confirmed booking has all its seats.
        var ticketsBySeat = confirmed.SelectMany(b => b.Tickets.Select(t => (t.SeatId, Booking: b.Id))).ToLookup(t => t.SeatId, t => t.Booking);
        Assert.All(seatRows.Values.Where(s => s.Status == SeatStatus.Sold), s => Assert.Equal([s.BookingId!.Value], ticketsBySeat[s.SeatId]));
        Assert.All(confirmed, b => Assert.All(b.Tickets, t => Assert.Equal((SeatStatus.Sold, (Guid?)b.Id), (seatRows[t.SeatId].Status, seatRows[t.SeatId].BookingId))));
        Assert.All(confirmed, b => Assert.Equal(holds.Single(h => h.Id == b.HoldId).SeatIds, b.Tickets.Select(t => t.SeatId).Order()));

        // The money: everything charged and not confirmed was given back; what stays captured is exactly what the confirmed bookings cost.
        Assert.DoesNotContain(bookings.Values, b => b.Status == BookingStatus.PendingPayment);
        Assert.All(refunded, b => Assert.True(b.PaymentReference is not null && b.RefundedAt is not null && processor.Ledger.IsRefunded(b.PaymentReference), $"Booking {b.Number} was not refunded."));
        Assert.All(confirmed, b => Assert.False(processor.Ledger.IsRefunded(b.PaymentReference!)));
        Assert.Equal(confirmed.Count + refunded.Count, processor.Ledger.Charges.Count);
        Assert.Equal(confirmed.Sum(b => b.TotalAmount), processor.Ledger.NetCaptured);

        // After the sweep no seat is held; every seat not sold is free; the database's own count agrees.
        Assert.All(seatRows.Values.Where(s => s.Status != SeatStatus.Sold), AssertFree);
        var recount = await ReadAsync(node, db => db.PerformanceSeats.Where(s => s.PerformanceId == performance.Id)
            .GroupBy(s => s.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, Ct));
        Assert.Equal(confirmed.Sum(b => b.Tickets.Count), recount.GetValueOrDefault(SeatStatus.Sold));
        Assert.Equal(seatRows.Count - confirmed.Sum(b => b.Tickets.Count), recount.GetValueOrDefault(SeatStatus.Available));
        Assert.Equal(0, recount.GetValueOrDefault(SeatStatus.Held));
        Assert.All(Enumerable.Range(0, Contenders).Where(i => timing[i] == Timing.AlreadyExpired), i => Assert.DoesNotContain($"race-{i}", bookings.Keys));
    }
}
