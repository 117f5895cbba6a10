using AtTicket.LoadBench.Setup;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>
/// The seat map as the sell-out's buyers see it: what the last seat snapshot said (refreshed about
/// once a second, as a live map would be), corrected by what the buyers' own answers told them
/// (seats they got, seats a 409 named as taken, seats they released). Buyers pick from it the way
/// people do: a row near the stage, then seats side by side in it.
/// </summary>
public sealed class SeatBoard
{
    /// <summary>How much less a row is wanted than the one in front of it.</summary>
    private const double RowDecay = 0.85;

    private readonly Lock _lock = new();
    private readonly BenchSeat[][] _rows;
    private readonly HashSet<int> _taken = [];

    public SeatBoard(BenchPerformance performance)
    {
        _rows = [.. performance.Seats.GroupBy(s => s.Row).OrderBy(g => g.Key).Select(g => g.OrderBy(s => s.Number).ToArray())];
        SeatCount = performance.Seats.Count;
    }

    public int SeatCount { get; }

    /// <summary>Up to <paramref name="count"/> seats believed free, adjacent where possible, in a row drawn with a bias to the front; null when none is believed free.</summary>
    public int[]? Pick(int count, Random random)
    {
        lock (_lock)
        {
            var open = _rows.Select((row, index) => (Index: index, Free: row.Where(s => !_taken.Contains(s.Id)).ToArray())).Where(r => r.Free.Length > 0).ToArray();
            if (open.Length == 0)
            {
                return null;
            }

            var weights = open.Select(r => Math.Pow(RowDecay, r.Index)).ToArray();
            var draw = random.NextDouble() * weights.Sum();
            var chosen = 0;
            while (chosen < open.Length - 1 && (draw -= weights[chosen]) > 0)
            {
                chosen++;
            }

            var free = open[chosen].Free;
            var take = Math.Min(count, free.Length);
            var start = random.Next(free.Length - take + 1);
            return [.. free.Skip(start).Take(take).Select(s => s.Id)];
        }
    }

    public void MarkTaken(IEnumerable<int> seatIds)
    {
        lock (_lock)
        {
            _taken.UnionWith(seatIds);
        }
    }

    public void MarkFree(IEnumerable<int> seatIds)
    {
        lock (_lock)
        {
            _taken.ExceptWith(seatIds);
        }
    }

    /// <summary>Replaces what the board believes with a snapshot of the server's seat states.</summary>
    public void Load(IEnumerable<(int SeatId, bool Available)> snapshot)
    {
        lock (_lock)
        {
            foreach (var (seatId, available) in snapshot)
            {
                if (available)
                {
                    _taken.Remove(seatId);
                }
                else
                {
                    _taken.Add(seatId);
                }
            }
        }
    }
}
