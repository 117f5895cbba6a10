using System.Collections.Concurrent;
using System.Diagnostics;
using AtTicket.EndToEnd.Tests.Nodes;
using AtTicket.Infrastructure.Payments;
using AtTicket.LoadBench.Scenarios;
using MySqlConnector;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// Node A dies (SIGKILL) while buyers check out through it, some of them charged by the processor and still
/// waiting for its answer. Node B's reconciler settles what A left: afterwards the processor's books and the
/// database agree, every charge a confirmed booking or a refund, nothing pending, no seat sold twice.
/// </summary>
[Collection(CheckoutNodesCollection.Name)]
public sealed class NodeKilledMidCheckoutTests(CheckoutNodes nodes)
{
    private const int PerformanceId = 1;
    private const int Buyers = 12;

    /// <summary>The hold time (one minute), the grace, a round and the processor's latency, with room for a loaded machine.</summary>
    private static readonly TimeSpan SettleBound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_node_killed_in_the_middle_of_checkouts_leaves_every_charge_a_confirmed_booking_or_a_refund()
    {
        nodes.Require();
        using var member = await AtTicketApi.LogInAsync(nodes.A.BaseUrl, Demo.CustomerEmail, Demo.CustomerPassword);
        var seats = new ConcurrentQueue<int>((await member.SeatsAsync(PerformanceId)).Seats.Where(s => s.Status == "available" && s.GradeId is not null).Select(s => s.Id));
        var processor = new MySqlPaymentLedger(nodes.DatabaseConnectionString);
        using var calls = new OutageCalls(nodes.A.BaseUrl, member.AccessToken!);
        using var stop = new CancellationTokenSource();
        var buyers = Enumerable.Range(0, Buyers).Select(_ => Task.Run(() => BuyAsync(calls, seats, stop.Token))).ToArray();
        try
        {
            // Some checkouts done, and some charged whose answer is still on its way back to node A.
            var atKill = await Within.ReadUntilAsync(
                () => ReadAsync(processor),
                books => calls.Count("before", "book", 201) >= 4 && books.ChargedButPending >= 3,
                books => $"Never four bookings and three checkouts charged but pending at once: {books}.",
                TimeSpan.FromSeconds(90));
            await stop.CancelAsync();
            await nodes.A.KillAsync();
            var killed = Stopwatch.StartNew();
            await Task.WhenAll(buyers);

            await Within.UntilAsync(
                async () => await UnsettledAsync() == 0,
                () => $"Node B did not settle what node A left within {SettleBound.TotalMinutes:0} minutes.\n{nodes.Diagnostics()}",
                SettleBound);
            var settleTime = killed.Elapsed;
            var settled = await ReadAsync(processor);
            var seatsAfter = await SellOutAudit.ReadAsync(nodes.DatabaseConnectionString, PerformanceId);
            var all = calls.All;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Node killed mid-checkout: {all.Count(c => c.What == "book")} checkouts sent to node A ({Buyers} buyers, processor latency {CheckoutNodes.GatewayLatencyMilliseconds} ms); " +
                $"in flight at the kill: {atKill.Pending} checkouts pending, {atKill.ChargedButPending} of them charged " +
                $"(calls left without an answer: {all.Count(c => c.What == "book" && c.Status == OutageCall.NoAnswer)} checkouts, {all.Count(c => c.What == "hold" && c.Status == OutageCall.NoAnswer)} holds); " +
                $"just before the kill: {atKill}; settled by node B {settleTime.TotalSeconds:0.0} s after the kill: {settled}; seats: {seatsAfter}.");

            Assert.Equal((0, 0), (settled.Pending, settled.RefundsOwed));
            var confirmedReferences = settled.Bookings.Where(b => b.Status == "Confirmed").Select(b => b.PaymentReference).ToHashSet();
            var refunded = settled.Refunds.Select(r => r.Reference).ToHashSet();
            Assert.All(settled.Charges, c => Assert.True(
                confirmedReferences.Contains(c.Reference) != refunded.Contains(c.Reference),
                $"Charge {c.Reference} ({c.IdempotencyKey}) is {(refunded.Contains(c.Reference) ? "refunded and confirmed" : "neither confirmed nor refunded")}."));
            Assert.All(confirmedReferences, reference => Assert.True(
                settled.Charges.Any(c => c.Reference == reference) && !refunded.Contains(reference!),
                $"A confirmed booking's payment {reference} is not a charge kept by the processor."));
            Assert.Equal(settled.Bookings.Where(b => b.Status == "Confirmed").Sum(b => b.Total), settled.Charges.Sum(c => c.Amount) - settled.Refunds.Sum(r => r.Amount));
            Assert.Equal((0, 0, 0), (seatsAfter.SeatsSoldTwice, seatsAfter.SeatsSoldWithoutConfirmedBooking, seatsAfter.ConfirmedBookingsMissingSeats));

            // The kill caught checkouts half-way, and the other node is the one that settled them.
            Assert.NotEmpty(settled.Refunds);
            Assert.Contains("Reconciled bookings", nodes.B.Output, StringComparison.Ordinal);
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(nodes.Diagnostics());
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(buyers);
        }
    }

    /// <summary>Hold a free seat and pay for it, again and again, until stopped; a refused hold is followed by a short pause so the loop does not spin.</summary>
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

    /// <summary>The processor's books and the performance's bookings, read with their own connections.</summary>
    private async Task<Books> ReadAsync(MySqlPaymentLedger processor)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var charges = await processor.ChargesAsync(cancellation);
        var refunds = await processor.RefundsAsync(cancellation);
        await using var connection = new MySqlConnection(nodes.DatabaseConnectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new MySqlCommand(
            "SELECT Id, Status, PaymentReference, RefundedAt IS NOT NULL, TotalAmount FROM Bookings WHERE PerformanceId = @p", connection);
        command.Parameters.AddWithValue("@p", PerformanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var bookings = new List<StoredBooking>();
        while (await reader.ReadAsync(cancellation))
        {
            bookings.Add(new StoredBooking(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetInt64(4)));
        }

        return new Books(charges, refunds, bookings);
    }

    /// <summary>Bookings still pending, and refunds owed: what the reconciler has yet to settle.</summary>
    private async Task<long> UnsettledAsync()
    {
        await using var connection = new MySqlConnection(nodes.DatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM Bookings WHERE PerformanceId = @p AND (Status = 'PendingPayment' OR (Status <> 'Confirmed' AND PaymentReference IS NOT NULL AND RefundedAt IS NULL))",
            connection);
        command.Parameters.AddWithValue("@p", PerformanceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record StoredBooking(Guid Id, string Status, string? PaymentReference, bool Refunded, long Total);

    private sealed record Books(IReadOnlyList<LedgerCharge> Charges, IReadOnlyList<LedgerRefund> Refunds, IReadOnlyList<StoredBooking> Bookings)
    {
        public int Pending => Bookings.Count(b => b.Status == "PendingPayment");

        /// <summary>Ended without a sale after a charge, and not refunded yet.</summary>
        public int RefundsOwed => Bookings.Count(b => b.Status != "Confirmed" && b.PaymentReference is not null && !b.Refunded);

        /// <summary>Charged by the processor while the booking still waits for the answer.</summary>
        public int ChargedButPending => Charges.Count(c => Bookings.Any(b => b.Status == "PendingPayment" && c.IdempotencyKey == $"booking-{b.Id:N}"));

        public override string ToString() =>
            $"{Charges.Count} captured, {Refunds.Count} refunded by the processor; bookings {Bookings.Count(b => b.Status == "Confirmed")} confirmed, " +
            $"{Bookings.Count(b => b.Status == "Refunded")} refunded, {Bookings.Count(b => b.Status == "Cancelled" && b.PaymentReference is null)} cancelled unpaid, " +
            $"{Pending} pending ({ChargedButPending} of them charged), {RefundsOwed} refunds owed";
    }
}
