using System.Diagnostics;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>The seats hub of one node tells its clients about changes made through the other node.</summary>
[Collection(TwoNodesCollection.Name)]
public sealed class SeatsHubAcrossNodesTests(TwoNodes nodes)
{
    private const int PerformanceId = 1;
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_hold_through_node_A_reaches_a_hub_client_of_node_B_and_so_does_its_release()
    {
        nodes.Require();
        await using var hub = await SeatsHubClient.ConnectAsync(nodes.B.BaseUrl, PerformanceId);
        using var minji = await AtTicketApi.LogInAsync(nodes.A.BaseUrl, Demo.CustomerEmail, Demo.CustomerPassword);
        var seats = AvailableSeatsOfOneGrade(await minji.SeatsAsync(PerformanceId), 2);
        var gradeId = seats[0].GradeId!.Value;
        var before = (await minji.PerformanceAsync(PerformanceId)).Grades.Single(g => g.Id == gradeId).Remaining;
        var seatIds = seats.Select(s => s.Id).ToArray();

        var hold = await minji.HoldAsync(PerformanceId, seatIds);
        SeatsChangedMessage held;
        try
        {
            held = await hub.WaitForAsync(
                m => m.PerformanceId == PerformanceId && seatIds.All(id => m.StatusOf(id) is not null),
                Delivery,
                $"a SeatsChanged for seats {string.Join(", ", seatIds)} (held through node A)");
        }
        finally
        {
            await minji.ReleaseAsync(hold.Id);
        }

        Assert.All(seatIds, id => Assert.Equal("held", held.StatusOf(id)));
        Assert.Equal(before - seatIds.Length, held.RemainingOf(gradeId));

        var released = await hub.WaitForAsync(
            m => m.Sequence > held.Sequence && seatIds.All(id => m.StatusOf(id) is not null),
            Delivery,
            $"a SeatsChanged after #{held.Sequence} for seats {string.Join(", ", seatIds)} (released through node A)");
        Assert.All(seatIds, id => Assert.Equal("available", released.StatusOf(id)));
        Assert.Equal(before, released.RemainingOf(gradeId));
        Assert.Equal(held.Sequence + 1, released.Sequence);
    }

    /// <summary>
    /// Members on both nodes hold and release at once; node B's hub client must see every change,
    /// numbered 1, 2, 3… across both nodes with no gap and no repeat, and the last number must be
    /// the one the seats API reports. Each change's delivery is timed from the moment the API call
    /// that made it answered (the message carries no timestamp), and from the moment it was sent.
    /// </summary>
    [Fact]
    public async Task Holds_and_releases_on_both_nodes_reach_node_B_numbered_without_gaps_or_repeats()
    {
        const int Members = 8; // half on each node
        const int Cycles = 15; // a hold and a release each: 240 changes; under the 20 holds a minute a member may make
        nodes.Require();
        var run = Guid.NewGuid().ToString("N")[..8];
        var members = new List<AtTicketApi>();
        try
        {
            // Registered and logged in on node A, used on both: the token must be readable on B as well.
            for (var i = 0; i < Members; i++)
            {
                var email = $"nodes-{run}-{i}@atticket.test";
                await AtTicketApi.RegisterAsync(nodes.A.BaseUrl, email, "Nodes!2345");
                using var onA = await AtTicketApi.LogInAsync(nodes.A.BaseUrl, email, "Nodes!2345");
                members.Add(onA.On(i % 2 == 0 ? nodes.A.BaseUrl : nodes.B.BaseUrl));
            }

            await using var hub = await SeatsHubClient.ConnectAsync(nodes.B.BaseUrl, PerformanceId);
            using var anonymous = AtTicketApi.Anonymous(nodes.B.BaseUrl);
            var start = await anonymous.SeatsAsync(PerformanceId);
            var freeSeats = start.Seats.Where(s => s.Status == "available" && s.GradeId is not null).Take(Members + 1).Select(s => s.Id).ToArray();
            Assert.Equal(Members + 1, freeSeats.Length);
            var (seatIds, markerSeat) = (freeSeats[..Members], freeSeats[Members]);

            var burst = Stopwatch.StartNew();
            var operations = await Task.WhenAll(members.Select((member, i) => HoldAndReleaseAsync(member, seatIds[i], Cycles)));
            burst.Stop();

            var end = await anonymous.SeatsAsync(PerformanceId);
            var expected = Members * Cycles * 2;
            Assert.True(
                end.Sequence - start.Sequence == expected,
                $"The seats API's sequence went from {start.Sequence} to {end.Sequence}, not up by the {expected} changes made.");
            // A message may fold several consecutive changes (fromSequence..sequence): count the numbers it covers.
            static IEnumerable<long> Covered(SeatsChangedMessage m) => Enumerable.Range(0, (int)(m.Sequence - m.FromSequence + 1)).Select(i => m.FromSequence + i);
            int CoveredAfterStart() => hub.Changes.SelectMany(c => Covered(c.Message)).Count(n => n > start.Sequence);
            await hub.WaitUntilAsync(
                () => CoveredAfterStart() >= expected,
                TimeSpan.FromSeconds(30),
                () => $"{expected} changes after #{start.Sequence} (has {CoveredAfterStart()})");
            // A repeat would come down the same path as a change made after the burst: once such a marker has
            // arrived, a repeat would have shown too.
            var marker = await members[0].HoldAsync(PerformanceId, [markerSeat]);
            await members[0].ReleaseAsync(marker.Id);
            var afterMarker = (await anonymous.SeatsAsync(PerformanceId)).Sequence;
            await hub.WaitUntilAsync(
                () => hub.Changes.Any(c => c.Message.PerformanceId == PerformanceId && c.Message.Sequence >= afterMarker),
                TimeSpan.FromSeconds(30),
                () => $"the marker's release #{afterMarker}");

            var received = hub.Changes.Where(c => c.Message.PerformanceId == PerformanceId && c.Message.Sequence > start.Sequence && c.Message.Sequence <= end.Sequence).ToList();
            var sequences = received.SelectMany(c => Covered(c.Message)).Order().ToList();
            var repeats = sequences.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            var missing = Enumerable.Range(1, expected).Select(i => start.Sequence + i).Except(sequences).ToList();
            Assert.True(repeats.Count == 0, $"Sequence numbers received more than once: {string.Join(", ", repeats)}");
            Assert.True(missing.Count == 0, $"Sequence numbers never received: {string.Join(", ", missing)}");
            Assert.Equal(end.Sequence, sequences[^1]);
            Assert.Equal(expected, sequences.Count);
            var outOfOrder = received.Zip(received.Skip(1)).Count(p => p.Second.Message.Sequence < p.First.Message.Sequence);

            // What a client that applies changes in number order (as the pages do) waits for a lower
            // number that overtook: from a message's arrival to the arrival of the last one before it.
            var arrivals = received.OrderBy(c => c.Message.Sequence).Select(c => c.ReceivedAt).ToList();
            var reorderWaits = arrivals.Select((at, i) => Milliseconds(at, arrivals.Take(i + 1).Max())).ToList();

            // Each seat's messages arrive in the order its member made the changes (a member waits for
            // each answer, and the answer waits for the publish): pair them up and check the statuses.
            var latencies = new List<(bool Crossed, double FromAnswer, double FromRequest, double Call)>();
            for (var i = 0; i < Members; i++)
            {
                var seatId = seatIds[i];
                var made = operations[i];
                var messages = received.Where(c => c.Message.StatusOf(seatId) is not null).ToList();

                // Each message shows the seat as the member's latest change it covers left it: pair it
                // with the first later change that made that status.
                var next = 0;
                foreach (var message in messages)
                {
                    var status = message.Message.StatusOf(seatId);
                    while (next < made.Count && made[next].Status != status)
                    {
                        next++;
                    }

                    Assert.True(next < made.Count, $"Seat {seatId}: a message says {status} where no later change made it so.");
                    var operation = made[next++];
                    latencies.Add((
                        members[i].BaseUrl == nodes.A.BaseUrl,
                        Milliseconds(operation.AnsweredAt, message.ReceivedAt),
                        Milliseconds(operation.SentAt, message.ReceivedAt),
                        Milliseconds(operation.SentAt, operation.AnsweredAt)));
                }

                Assert.Equal(made[^1].Status, messages[^1].Message.StatusOf(seatId));
            }

            Log($"{expected} changes ({Members} members, {Members / 2} on each node, {Cycles} holds and releases each) in {burst.Elapsed.TotalSeconds:0.00} s " +
                $"= {expected / burst.Elapsed.TotalSeconds:0} changes/s; node B's hub client got #{start.Sequence + 1}..#{end.Sequence}, " +
                $"each once, {outOfOrder} arrived before a lower number (waiting for it in order: p99 {Percentile(reorderWaits, 99):0.0} ms, max {reorderWaits.Max():0.0} ms).");
            Log(Figures("API answer -> hub message on B", [.. latencies.Select(l => l.FromAnswer)]));
            Log(Figures("  made through node A (crossing nodes)", [.. latencies.Where(l => l.Crossed).Select(l => l.FromAnswer)]));
            Log(Figures("  made through node B", [.. latencies.Where(l => !l.Crossed).Select(l => l.FromAnswer)]));
            Log(Figures("API request sent -> hub message on B", [.. latencies.Select(l => l.FromRequest)]));
            Log(Figures("API call (hold or release, sent -> answered)", [.. latencies.Select(l => l.Call)]));
            Log($"machine: {Environment.ProcessorCount} cores, {CpuModel()}");
            foreach (var (name, node) in new[] { ("A", nodes.A), ("B", nodes.B) })
            {
                // Measured by the node itself, from the publishing node's clock stamp to delivery to its feed (same machine, same clock).
                using var admin = await AtTicketApi.LogInAsync(node.BaseUrl, "admin@atticket.local", "Admin!2345");
                var metrics = await admin.LiveMetricsAsync();
                Log($"node {name} publish -> deliver (its LiveMetrics, last {metrics.Delivered} deliveries): p50 {metrics.DeliverLatencyP50Ms:0.0} ms, p99 {metrics.DeliverLatencyP99Ms:0.0} ms; {metrics.Listeners} listeners");
                Assert.True(metrics.Delivered >= expected, $"node {name} delivered {metrics.Delivered} changes, fewer than the {expected} made");
                Assert.NotNull(metrics.DeliverLatencyP99Ms);
            }

            var final = await anonymous.SeatsAsync(PerformanceId);
            Assert.All(seatIds, id => Assert.Equal("available", final.Seats.Single(s => s.Id == id).Status));
        }
        finally
        {
            foreach (var member in members)
            {
                member.Dispose();
            }
        }
    }

    private sealed record Operation(string Status, long SentAt, long AnsweredAt);

    private static async Task<IReadOnlyList<Operation>> HoldAndReleaseAsync(AtTicketApi member, int seatId, int cycles)
    {
        var operations = new List<Operation>();
        for (var i = 0; i < cycles; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            var hold = await member.HoldAsync(PerformanceId, [seatId]);
            operations.Add(new Operation("held", sent, Stopwatch.GetTimestamp()));

            sent = Stopwatch.GetTimestamp();
            await member.ReleaseAsync(hold.Id);
            operations.Add(new Operation("available", sent, Stopwatch.GetTimestamp()));
        }

        return operations;
    }

    internal static IReadOnlyList<SeatInfo> AvailableSeatsOfOneGrade(SeatsSnapshot snapshot, int count)
    {
        var seats = snapshot.Seats
            .Where(s => s.Status == "available" && s.GradeId is not null)
            .GroupBy(s => s.GradeId)
            .Select(g => g.Take(count).ToList())
            .FirstOrDefault(g => g.Count == count);
        Assert.True(seats is not null, $"Performance {snapshot.PerformanceId} has no grade with {count} seats available.");
        return seats;
    }

    private static string Figures(string what, IReadOnlyList<double> values) =>
        $"{what} (n={values.Count}): p50 {Percentile(values, 50):0.0} ms, p99 {Percentile(values, 99):0.0} ms, min {values.Min():0.0} ms, max {values.Max():0.0} ms";

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>Nearest rank.</summary>
    private static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
