using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Bookings;

/// <summary>A free seat as best-available sees it: where it is, what it is called and what kind of place it is.</summary>
public sealed record CandidateSeat(int SeatId, string Section, string Row, double X, double Y, SeatKind Kind = SeatKind.Normal)
{
    /// <summary>A wheelchair space or a companion seat beside one: kept for the people who need them.</summary>
    public bool IsAccessiblePlace => Kind != SeatKind.Normal;
}

/// <summary>
/// Best available: the block of adjacent seats in one row closest to the stage and then to the
/// middle of its section; without such a block, the seats closest to the stage and the middle.
/// Wheelchair spaces and companion seats are left out unless the buyer asks for them, and then a choice
/// keeps the <see cref="CompanionSeatRule"/> (no more companion seats than wheelchair spaces).
/// </summary>
public static class SeatPicker
{
    /// <summary>Seats whose centres are at most this far apart (in seat widths) sit side by side.</summary>
    private const double AdjacentGap = 1.05;

    public static IReadOnlyList<int> Choose(IReadOnlyCollection<CandidateSeat> free, int quantity, bool includeAccessible = false)
    {
        if (!includeAccessible)
        {
            free = [.. free.Where(s => !s.IsAccessiblePlace)];
        }

        if (quantity <= 0 || free.Count < quantity)
        {
            return [];
        }

        var sectionCentres = free.GroupBy(s => s.Section).ToDictionary(g => g.Key, g => (g.Min(s => s.X) + g.Max(s => s.X)) / 2);
        var best = free
            .GroupBy(s => (s.Section, s.Row))
            .SelectMany(row => Blocks(row.OrderBy(s => s.X).ToList(), quantity))
            .Where(block => CompanionSeatRule.IsKeptBy(block.Select(s => s.Kind)))
            .MinBy(block => Score(block, sectionCentres[block[0].Section]));
        if (best is not null)
        {
            return [.. best.Select(s => s.SeatId)];
        }

        var nearest = free
            .OrderBy(s => s.Y)
            .ThenBy(s => Math.Abs(s.X - sectionCentres[s.Section]))
            .ToList();
        return KeepingCompanionRule(nearest, quantity);
    }

    /// <summary>The first <paramref name="quantity"/> seats in order, passing over a companion seat that has no wheelchair space yet.</summary>
    private static IReadOnlyList<int> KeepingCompanionRule(List<CandidateSeat> ordered, int quantity)
    {
        var chosen = new List<CandidateSeat>(quantity);
        foreach (var seat in ordered.TakeWhile(_ => chosen.Count < quantity))
        {
            if (CompanionSeatRule.IsKeptBy(chosen.Append(seat).Select(s => s.Kind)))
            {
                chosen.Add(seat);
            }
        }

        return chosen.Count == quantity ? [.. chosen.Select(s => s.SeatId)] : [];
    }

    private static IEnumerable<List<CandidateSeat>> Blocks(List<CandidateSeat> row, int quantity)
    {
        for (var start = 0; start + quantity <= row.Count; start++)
        {
            var block = row.GetRange(start, quantity);
            if (block.Zip(block.Skip(1)).All(pair => pair.Second.X - pair.First.X <= AdjacentGap))
            {
                yield return block;
            }
        }
    }

    private static double Score(List<CandidateSeat> block, double sectionCentre)
    {
        var centre = (block[0].X + block[^1].X) / 2;
        return (block[0].Y * 100) + Math.Abs(centre - sectionCentre);
    }
}
