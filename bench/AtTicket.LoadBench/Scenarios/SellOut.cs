using System.Diagnostics;
using AtTicket.LoadBench.Measuring;
using AtTicket.LoadBench.Setup;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>S1b's figures, with the database's own account of what was sold and paid.</summary>
public sealed record SellOutResult(
    int Buyers,
    int Seats,
    double PayingShare,
    double? SoldOutSeconds,
    double Seconds,
    int BookingsAnswered,
    long BookedTotal,
    double BookingsPerSecond,
    int BuyersWithSeats,
    int BuyersWithout,
    CallStats Holds,
    CallStats Bookings,
    CallStats Releases,
    SellOutAudit Audit,
    IReadOnlyList<string> Problems);

/// <summary>
/// S1b: every buyer (its own member) rushes one fresh performance at the same instant, wanting 1-4
/// seats near the front. A 409 marks the named seats taken and the buyer tries other seats; a buyer
/// who finds nothing free waits for the board to show a seat again, until the performance is sold
/// out. 70 % pay for what they hold (the approving test card, a fresh Idempotency-Key); the others
/// abandon it by releasing it. Then the database is audited.
/// </summary>
public static class SellOut
{
    public static Task<SellOutResult> RunAsync(BenchContext context) =>
        RunAsync(context.Options.NginxUrl, context.Options.Database, context.SellOut, context.Buyers, context.Options.PayingShare, TimeSpan.FromSeconds(context.Options.SellOutTimeoutSeconds));

    /// <summary>The sell-out of <paramref name="performance"/> by <paramref name="members"/> through <paramref name="baseUrl"/>; also the test suite's smoke version.</summary>
    public static async Task<SellOutResult> RunAsync(string baseUrl, string database, BenchPerformance performance, IReadOnlyList<BenchMember> members, double payingShare, TimeSpan timeout)
    {
        var board = new SeatBoard(performance);
        var clients = members.Select(m => new BuyerClient(baseUrl, m)).ToList();
        var run = new Run(performance.PerformanceId, board, timeout);
        try
        {
            var refresher = run.KeepBoardFreshAsync(clients[0]);
            var buyers = clients.Select((client, i) =>
            {
                var random = new Random(i * 104729 + 3);
                var pays = random.NextDouble() < payingShare;
                return Task.Run(() => run.BuyAsync(client, random, pays));
            }).ToList();
            await Task.WhenAll(buyers);
            run.Stop();
            await refresher;

            var seconds = run.Clock.Elapsed.TotalSeconds;
            var audit = await SellOutAudit.ReadAsync(database, performance.PerformanceId);
            var problems = audit.Problems().ToList();
            if (run.Booked != audit.ConfirmedBookings || run.BookedTotal != audit.ConfirmedTotal)
            {
                problems.Add($"Buyers were told of {run.Booked} bookings worth {run.BookedTotal:N0} won; the database has {audit.ConfirmedBookings} worth {audit.ConfirmedTotal:N0}.");
            }

            var soldOut = run.SoldOutAt?.TotalSeconds;
            var result = new SellOutResult(
                clients.Count,
                performance.Seats.Count,
                payingShare,
                soldOut is { } s ? Math.Round(s, 2) : null,
                Math.Round(seconds, 1),
                run.Booked,
                run.BookedTotal,
                Math.Round(run.Booked / (soldOut ?? seconds), 1),
                buyers.Count(b => b.Result),
                buyers.Count(b => !b.Result),
                run.Holds.Summarize(seconds),
                run.Bookings.Summarize(seconds),
                run.Releases.Summarize(seconds),
                audit,
                problems);
            Console.WriteLine(
                $"S1b sell-out: {(soldOut is { } t ? $"{result.Seats} seats sold out in {t:0.0} s" : $"NOT sold out in {seconds:0} s ({audit.SeatsSold} of {result.Seats} sold)")}, " +
                $"{result.BookingsPerSecond:N1} bookings/s, hold p99 {result.Holds.P99Ms} ms, booking p99 {result.Bookings.P99Ms} ms, " +
                $"correctness: {(problems.Count == 0 ? "all counters 0, money adds up" : string.Join(" ", problems))}");
            return result;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The shared state of one sell-out run.</summary>
    private sealed class Run(int performanceId, SeatBoard board, TimeSpan timeout)
    {
        private readonly CancellationTokenSource _stop = new();
        private int _seatsSold;
        private int _booked;
        private long _bookedTotal;
        private long _soldOutAtTicks = -1;

        private const int CheckoutAttempts = 5;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public CallLog Holds { get; } = new();

        public CallLog Bookings { get; } = new();

        public CallLog Releases { get; } = new();

        public int Booked => Volatile.Read(ref _booked);

        public long BookedTotal => Interlocked.Read(ref _bookedTotal);

        public TimeSpan? SoldOutAt => Interlocked.Read(ref _soldOutAtTicks) is >= 0 and var ticks ? TimeSpan.FromTicks(ticks) : null;

        private bool Over => SoldOutAt is not null || Clock.Elapsed > timeout;

        public void Stop() => _stop.Cancel();

        /// <returns>Whether the buyer ended up with seats (booked or abandoned).</returns>
        public async Task<bool> BuyAsync(BuyerClient client, Random random, bool pays)
        {
            var wanted = random.Next(1, 5);
            while (!Over)
            {
                if (board.Pick(wanted, random) is not { } seatIds)
                {
                    await Task.Delay(100); // nothing free on the map: wait for a release or a fresher map
                    continue;
                }

                var hold = await client.HoldAsync(performanceId, seatIds);
                Holds.Add(hold.Status, hold.Milliseconds);
                switch (hold.Status)
                {
                    case 201:
                        board.MarkTaken(seatIds);
                        await FinishAsync(client, hold, seatIds, pays);
                        return true;
                    case 409:
                        board.MarkTaken(hold.TakenSeatIds.Count > 0 ? hold.TakenSeatIds : seatIds);
                        break;
                    case >= 400 and < 500 and not 429:
                        return false; // a rule refused this buyer (it is counted in the statuses)
                    default:
                        await Task.Delay(100); // no answer, 429 or 5xx: back off a little
                        break;
                }
            }

            return false;
        }

        /// <summary>Updates the board from the server's seat states about once a second until the run is over.</summary>
        public async Task KeepBoardFreshAsync(BuyerClient client)
        {
            while (!_stop.IsCancellationRequested && !Over)
            {
                try
                {
                    var seats = await client.GetJsonAsync($"/api/performances/{performanceId}/seats");
                    board.Load(seats.GetProperty("seats").EnumerateArray().Select(s => (s.GetProperty("id").GetInt32(), s.GetProperty("status").GetString() == "available")));
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    // The next round tries again.
                }
            }
        }

        /// <summary>
        /// Pays, and as a real client does when no answer or a 5xx came back, sends the same Idempotency-Key
        /// again to learn how the checkout ended (the server finishes it even when the caller went away):
        /// otherwise a booking made after the client gave up would be one the buyer was never told of.
        /// </summary>
        private async Task<int> CheckOutAsync(BuyerClient client, Guid holdId)
        {
            var key = Guid.NewGuid().ToString();
            for (var attempt = 1; ; attempt++)
            {
                var (status, milliseconds) = await client.BookAsync(holdId, key);
                Bookings.Add(status, milliseconds);
                if (status is not (CallLog.NoAnswer or >= 500) || attempt == CheckoutAttempts)
                {
                    return status;
                }

                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }

        private async Task FinishAsync(BuyerClient client, HoldAnswer hold, int[] seatIds, bool pays)
        {
            if (pays)
            {
                var status = await CheckOutAsync(client, hold.HoldId!.Value);
                if (status == 201)
                {
                    Interlocked.Increment(ref _booked);
                    Interlocked.Add(ref _bookedTotal, hold.Total);
                    if (Interlocked.Add(ref _seatsSold, seatIds.Length) == board.SeatCount)
                    {
                        Interlocked.Exchange(ref _soldOutAtTicks, Clock.Elapsed.Ticks);
                    }

                    return;
                }
            }

            // Abandoned, or the checkout failed: give the seats back.
            var (released, releaseMilliseconds) = await client.ReleaseAsync(hold.HoldId!.Value);
            Releases.Add(released, releaseMilliseconds);
            if (released == 204)
            {
                board.MarkFree(seatIds);
            }
        }
    }
}
