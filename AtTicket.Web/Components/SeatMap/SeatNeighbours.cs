namespace AtTicket.Web.Components.SeatMap;

/// <summary>Where each arrow key leads from a seat; a missing direction means the key stays put.</summary>
public readonly record struct Neighbours(int? Left, int? Right, int? Up, int? Down, int Home, int End);

/// <summary>
/// Keyboard moves on a seat map, worked out once per layout so the browser only follows them.
/// Left and Right walk the row (section and row label) by position; at a row's end they cross to the
/// nearest seat of a row less than a row away, such as the same row of the next section across an aisle.
/// Up and Down go to the row above or below in the same section, to its seat closest across; from a
/// section's first or last row they go to the nearest seat of another section that way, favouring one
/// straight across. Home and End are the row's ends.
/// </summary>
/// <remarks>
/// Rows are compared by their line (the average position of their seats), seats within a row by a binary
/// search, so a 20,000-seat hall costs milliseconds, not a comparison of every seat with every other.
/// </remarks>
public sealed class SeatNeighbours
{
    /// <summary>How far apart two positions must be to count as different (positions are in seat widths).</summary>
    private const double Tolerance = 0.01;

    /// <summary>Rows less than a row apart count as on the same line when Left or Right leaves a row.</summary>
    private const double SameLine = 1.0;

    private readonly Dictionary<int, Neighbours> _bySeat;

    public SeatNeighbours(IReadOnlyList<SeatView> seats)
    {
        ArgumentNullException.ThrowIfNull(seats);
        var rows = seats
            .GroupBy(s => (s.Section, s.Row))
            .Select(g => new Row(g.Key.Section, [.. g.OrderBy(s => s.X).ThenBy(s => s.Number)]))
            .ToList();

        _bySeat = new Dictionary<int, Neighbours>(seats.Count);
        foreach (var row in rows)
        {
            var above = NextLineInSection(row, rows, towards: -1);
            var below = NextLineInSection(row, rows, towards: +1);
            var inFront = above.Count > 0 ? [] : OtherSectionsThatWay(row, rows, towards: -1);
            var behind = below.Count > 0 ? [] : OtherSectionsThatWay(row, rows, towards: +1);
            var beside = rows.Where(r => r != row && Math.Abs(r.Y - row.Y) < SameLine).ToList();
            for (var i = 0; i < row.Seats.Count; i++)
            {
                var seat = row.Seats[i];
                _bySeat[seat.Id] = new Neighbours(
                    Left: i > 0 ? row.Seats[i - 1].Id : Beside(seat, row, beside, towards: -1),
                    Right: i < row.Seats.Count - 1 ? row.Seats[i + 1].Id : Beside(seat, row, beside, towards: +1),
                    Up: above.Count > 0 ? ClosestAcross(seat, above) : Nearest(seat, row, inFront),
                    Down: below.Count > 0 ? ClosestAcross(seat, below) : Nearest(seat, row, behind),
                    Home: row.Seats[0].Id,
                    End: row.Seats[^1].Id);
            }
        }

        First = seats.Count == 0 ? null : seats.MinBy(s => (s.Y, s.X))!.Id;
    }

    /// <summary>The first seat in reading order (top row, then leftmost), where Tab enters the map.</summary>
    public int? First { get; }

    public Neighbours this[int seatId] => _bySeat[seatId];

    /// <summary>The section's nearest row up (towards -1) or down (+1); several when they share that line.</summary>
    private static List<Row> NextLineInSection(Row row, List<Row> rows, int towards)
    {
        var beyond = rows.Where(r => r.Section == row.Section && (r.Y - row.Y) * towards > Tolerance).ToList();
        if (beyond.Count == 0)
        {
            return beyond;
        }

        var nearest = beyond.Min(r => Math.Abs(r.Y - row.Y));
        return [.. beyond.Where(r => Math.Abs(r.Y - row.Y) - nearest < Tolerance)];
    }

    /// <summary>Rows of other sections up or down from this one, nearest line first.</summary>
    private static List<Row> OtherSectionsThatWay(Row row, List<Row> rows, int towards) =>
        [.. rows.Where(r => r.Section != row.Section && (r.Y - row.Y) * towards > Tolerance).OrderBy(r => Math.Abs(r.Y - row.Y))];

    /// <summary>The seat closest across to this one; of two equally close, the one further left.</summary>
    private static int ClosestAcross(SeatView seat, List<Row> line) =>
        line.Count == 1
            ? line[0].ClosestTo(seat.X).Id
            : line.Select(r => r.ClosestTo(seat.X)).MinBy(s => (Math.Abs(s.X - seat.X), s.X))!.Id;

    /// <summary>Of rows sorted nearest line first: the seat with the smallest distance, counting across twice as far as along.</summary>
    private static int? Nearest(SeatView seat, Row row, List<Row> candidates)
    {
        SeatView? best = null;
        var bestScore = double.MaxValue;
        foreach (var candidate in candidates)
        {
            var along = Math.Abs(candidate.Y - row.Y);
            if (along >= bestScore)
            {
                break; // every later row is further along than the best score
            }

            var closest = candidate.ClosestTo(seat.X);
            var score = along + (2 * Math.Abs(closest.X - seat.X));
            if (score < bestScore - Tolerance || (Math.Abs(score - bestScore) < Tolerance && closest.X < best!.X))
            {
                (best, bestScore) = (closest, score);
            }
        }

        return best?.Id;
    }

    /// <summary>From a row's end: the nearest seat further left (towards -1) or right (+1) in a row on about the same line.</summary>
    private static int? Beside(SeatView seat, Row row, List<Row> beside, int towards) =>
        beside
            .Select(r => r.NextBeyond(seat.X, towards))
            .OfType<SeatView>()
            .MinBy(s => Math.Abs(s.X - seat.X) + (2 * Math.Abs(s.Y - seat.Y)))
            ?.Id;

    private sealed class Row(string section, List<SeatView> seats)
    {
        public string Section { get; } = section;

        /// <summary>Sorted by position, left to right.</summary>
        public List<SeatView> Seats { get; } = seats;

        /// <summary>The row's line: the average of its seats' positions, so a gently curved row still has one.</summary>
        public double Y { get; } = seats.Average(s => s.Y);

        public SeatView ClosestTo(double x)
        {
            var i = CountLeftOf(x);
            return i == 0 ? Seats[0]
                : i == Seats.Count ? Seats[^1]
                : x - Seats[i - 1].X <= Seats[i].X - x ? Seats[i - 1] : Seats[i];
        }

        /// <summary>The first seat past x going left (towards -1) or right (+1), if any.</summary>
        public SeatView? NextBeyond(double x, int towards)
        {
            var i = towards > 0 ? CountLeftOf(x + Tolerance) : CountLeftOf(x - Tolerance) - 1;
            return i >= 0 && i < Seats.Count ? Seats[i] : null;
        }

        /// <summary>How many seats sit left of x: a binary search over the sorted seats.</summary>
        private int CountLeftOf(double x)
        {
            var (low, high) = (0, Seats.Count);
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = Seats[middle].X < x ? (middle + 1, high) : (low, middle);
            }

            return low;
        }
    }
}
