using System.Collections.Concurrent;
using System.Diagnostics;
using AtTicket.EndToEnd.Tests.Nodes;
using MySqlConnector;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// MariaDB dies (SIGKILL) under a stream of holds and checkouts and comes back on the same data: the node
/// answers 503 problem documents quickly meanwhile, says it is not ready, and sells again by itself; nothing
/// is left half-written.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseOutageTests(FaultNode fault)
{
    private const int PerformanceId = 1;
    private const int Buyers = 3;

    /// <summary>"Fail fast": the longest any answer may take while the database is away.</summary>
    private static readonly TimeSpan FastAnswer = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PhaseBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task While_MariaDB_is_down_holds_and_checkouts_get_quick_503s_and_the_node_sells_again_when_it_returns()
    {
        fault.Require();
        using var member = await AtTicketApi.LogInAsync(fault.Node.BaseUrl, Demo.CustomerEmail, Demo.CustomerPassword);
        var seats = new ConcurrentQueue<int>((await member.SeatsAsync(PerformanceId)).Seats.Where(s => s.Status == "available" && s.GradeId is not null).Select(s => s.Id));
        using var calls = new OutageCalls(fault.Node.BaseUrl, member.AccessToken!);
        using var stop = new CancellationTokenSource();
        var buyers = Enumerable.Range(0, Buyers).Select(_ => Task.Run(() => BuyAsync(calls, seats, stop.Token))).ToArray();
        var clock = Stopwatch.StartNew();
        try
        {
            await WaitUntilAsync(() => Task.FromResult(calls.Count("before", "book", 201) >= 3), "three bookings before the outage");

            calls.Phase = "outage";
            var killedAt = clock.Elapsed;
            await fault.Database.KillAsync();
            var readyDuringOutage = 0;
            await WaitUntilAsync(
                async () =>
                {
                    readyDuringOutage = await calls.ReadyAsync();
                    return readyDuringOutage == 503 && calls.All.Count(c => c.Phase == "outage" && c.What is "hold" or "book") >= 10;
                },
                "/health/ready answering 503 and ten holds or checkouts answered during the outage");

            calls.Phase = "after";
            await fault.Database.RestartAsync();
            var restartedAt = clock.Elapsed;
            await WaitUntilAsync(() => Task.FromResult(calls.Count("after", "hold", 201) >= 1 && calls.Count("after", "book", 201) >= 1), "a hold and a booking after MariaDB returned");
            var recovered = clock.Elapsed - restartedAt;
            await WaitUntilAsync(async () => await calls.ReadyAsync() == 200, "/health/ready answering 200 again");

            await stop.CancelAsync();
            await Task.WhenAll(buyers);

            var all = calls.All;
            var outage = all.Where(c => c.Phase == "outage" && c.What is "hold" or "book").ToList();
            var audit = await AuditAsync();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Database outage: {outage.Count} holds/checkouts during {(restartedAt - killedAt).TotalSeconds:0.0} s down, answered {Describe(outage)}; " +
                $"slowest {outage.Max(c => c.Milliseconds):0} ms; all calls {Describe(all)}; first hold and booking {recovered.TotalSeconds:0.0} s after the restart; " +
                $"seats: {audit}.");

            Assert.All(all, c => Assert.True(c.Status is not (OutageCall.NoAnswer or 500 or 502 or 504), $"{c.What} in phase {c.Phase} answered {c.Status} after {c.Milliseconds:0} ms.\n{fault.Diagnostics()}"));
            Assert.All(outage, c => Assert.True(c.Milliseconds < FastAnswer.TotalMilliseconds, $"{c.What} took {c.Milliseconds:0} ms while the database was away."));
            Assert.Contains(outage, c => c.Status == 503);
            Assert.All(all.Where(c => c.Status == 503 && c.What != "ready"), c =>
            {
                Assert.True(c.IsProblemDocument, $"A 503 to {c.What} came as {c.ContentType}, not a problem document.");
                Assert.Equal("5", c.RetryAfter);
            });
            Assert.Equal(0, audit.HeldWithoutHold);
            Assert.Equal(0, audit.SoldWithoutConfirmedBooking);
            Assert.Equal(0, audit.ConfirmedWithoutSeats);
            Assert.Equal(audit.Seats, audit.Available + audit.Held + audit.Sold);
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(fault.Diagnostics());
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(buyers);
            await fault.Database.EnsureRunningAsync();
        }
    }

    /// <summary>Hold a free seat and pay for it, again and again; a refused call is followed by a short pause so the loop does not spin.</summary>
    private static async Task BuyAsync(OutageCalls calls, ConcurrentQueue<int> seats, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && seats.TryDequeue(out var seatId))
        {
            if (await calls.HoldAsync(PerformanceId, seatId) is { } holdId)
            {
                await calls.BookAsync(holdId);
            }
            else
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Within.UntilAsync(condition, () => what, PhaseBound);

    private static string Describe(IEnumerable<OutageCall> calls) =>
        string.Join(", ", calls.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == OutageCall.NoAnswer ? "none" : g.Key)}: {g.Count()}"));

    private async Task<SeatAudit> AuditAsync()
    {
        await using var connection = new MySqlConnection(fault.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(SeatAudit.Sql, connection);
        command.Parameters.AddWithValue("@p", PerformanceId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        int Int(int i) => Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        return new SeatAudit(Int(0), Int(1), Int(2), Int(3), Int(4), Int(5), Int(6), Int(7), Int(8));
    }

    /// <summary>The performance's seats and bookings read back with plain SQL, independent of the app's code.</summary>
    private sealed record SeatAudit(int Seats, int Available, int Held, int Sold, int HeldWithoutHold, int SoldWithoutConfirmedBooking, int ConfirmedWithoutSeats, int Confirmed, int ChargesAwaitingReconciler)
    {
        // Enums are stored by name; a booking's seats are its tickets.
        public const string Sql =
            """
            SELECT
                (SELECT COUNT(*) FROM PerformanceSeats WHERE PerformanceId = @p),
                (SELECT COUNT(*) FROM PerformanceSeats WHERE PerformanceId = @p AND Status = 'Available'),
                (SELECT COUNT(*) FROM PerformanceSeats WHERE PerformanceId = @p AND Status = 'Held'),
                (SELECT COUNT(*) FROM PerformanceSeats WHERE PerformanceId = @p AND Status = 'Sold'),
                (SELECT COUNT(*) FROM PerformanceSeats s WHERE s.PerformanceId = @p AND s.Status = 'Held'
                    AND NOT EXISTS (SELECT 1 FROM SeatHolds h WHERE h.Id = s.HoldId)),
                (SELECT COUNT(*) FROM PerformanceSeats s WHERE s.PerformanceId = @p AND s.Status = 'Sold' AND NOT EXISTS (
                    SELECT 1 FROM Bookings b JOIN Tickets t ON t.BookingId = b.Id
                    WHERE b.Id = s.BookingId AND b.Status = 'Confirmed' AND t.SeatId = s.SeatId)),
                (SELECT COUNT(DISTINCT b.Id) FROM Bookings b JOIN Tickets t ON t.BookingId = b.Id
                    LEFT JOIN PerformanceSeats s ON s.PerformanceId = b.PerformanceId AND s.SeatId = t.SeatId
                    WHERE b.PerformanceId = @p AND b.Status = 'Confirmed' AND (s.Status IS NULL OR s.Status <> 'Sold' OR s.BookingId <> b.Id)),
                (SELECT COUNT(*) FROM Bookings WHERE PerformanceId = @p AND Status = 'Confirmed'),
                (SELECT COUNT(*) FROM Bookings WHERE PerformanceId = @p AND Status <> 'Confirmed'
                    AND (Status = 'PendingPayment' OR (PaymentReference IS NOT NULL AND RefundedAt IS NULL)))
            """;

        public override string ToString() =>
            $"{Seats} seats: {Available} available, {Held} held, {Sold} sold ({Confirmed} confirmed bookings); " +
            $"held without a hold {HeldWithoutHold}, sold without a booking {SoldWithoutConfirmedBooking}, bookings missing seats {ConfirmedWithoutSeats}, " +
            $"checkouts pending or refunds owed for the reconciler {ChargesAwaitingReconciler}";
    }
}
