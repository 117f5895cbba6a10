using System.Diagnostics;
using AtTicket.LoadBench.Measuring;
using AtTicket.LoadBench.Setup;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>A seat change a client's call made: the seats, their new status, when the call was sent and when the API answered (Stopwatch ticks).</summary>
public sealed record ChangeMade(string Key, long SentAt, long AnsweredAt)
{
    /// <summary>The same key for a hub message about the same seats in the same status.</summary>
    public static string KeyOf(IEnumerable<int> seatIds, string status) => status + ":" + string.Join(',', seatIds.Order());
}

/// <summary>
/// The sustained-holds load: every client holds 1-4 seats chosen uniformly at random and, when it
/// gets them, releases them at once, then goes again, until the time is up. Calls in flight at the
/// end are finished (a hold is always released), so the performance is left as it was found.
/// </summary>
public sealed class HoldChurn(IReadOnlyList<BuyerClient> clients, BenchPerformance performance)
{
    private readonly int[] _seatIds = [.. performance.Seats.Select(s => s.Id)];

    public CallLog Holds { get; } = new();

    public CallLog Releases { get; } = new();

    /// <summary>Told of every change a call made, e.g. to time its delivery to hub clients.</summary>
    public Action<ChangeMade>? OnChange { get; init; }

    /// <returns>How long the run took, the finishing calls included.</returns>
    public async Task<double> RunAsync(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(() => ClientAsync(client, new Random(i * 7919 + 17), clock, duration))));
        return clock.Elapsed.TotalSeconds;
    }

    private async Task ClientAsync(BuyerClient client, Random random, Stopwatch clock, TimeSpan duration)
    {
        while (clock.Elapsed < duration)
        {
            var seatIds = PickSeats(random);
            var sent = Stopwatch.GetTimestamp();
            var hold = await client.HoldAsync(performance.PerformanceId, seatIds);
            Holds.Add(hold.Status, hold.Milliseconds);
            if (hold.HoldId is not { } holdId)
            {
                if (hold.Status is CallLog.NoAnswer or >= 500)
                {
                    await Task.Delay(100); // the server is in trouble: do not hammer it in a tight loop
                }

                continue;
            }

            OnChange?.Invoke(new ChangeMade(ChangeMade.KeyOf(seatIds, "held"), sent, Stopwatch.GetTimestamp()));
            sent = Stopwatch.GetTimestamp();
            var (status, milliseconds) = await client.ReleaseAsync(holdId);
            Releases.Add(status, milliseconds);
            if (status == 204)
            {
                OnChange?.Invoke(new ChangeMade(ChangeMade.KeyOf(seatIds, "available"), sent, Stopwatch.GetTimestamp()));
            }
        }
    }

    private int[] PickSeats(Random random)
    {
        var count = random.Next(1, 5);
        var seatIds = new HashSet<int>();
        while (seatIds.Count < count)
        {
            seatIds.Add(_seatIds[random.Next(_seatIds.Length)]);
        }

        return [.. seatIds];
    }
}
