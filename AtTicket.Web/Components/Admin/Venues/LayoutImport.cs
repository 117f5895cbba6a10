using AtTicket.Infrastructure.Venues;

namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>
/// A layout file's seats matched to the hall's saved ones: a seat keeps its saved identity when the file names
/// its id or its label, so re-importing an exported hall removes nothing that was sold.
/// </summary>
internal static class LayoutImport
{
    /// <param name="nextTemporaryId">The next negative id for a seat not saved yet; counts down.</param>
    public static (List<SeatView> Seats, List<string> Sections) Match(HallLayoutDocument layout, IReadOnlyDictionary<int, SeatView> saved, ref int nextTemporaryId)
    {
        var unclaimed = new Dictionary<int, SeatView>(saved);
        var byLabel = saved.Values.ToDictionary(s => SeatLabels.Key(s.Section, s.Row, s.Number), StringComparer.OrdinalIgnoreCase);
        var sections = new List<string>();
        var seats = new List<SeatView>(layout.SeatCount);
        foreach (var section in layout.Sections)
        {
            var name = sections.FirstOrDefault(n => string.Equals(n, section.Name.Trim(), StringComparison.OrdinalIgnoreCase)) ?? section.Name.Trim();
            if (!sections.Contains(name))
            {
                sections.Add(name);
            }

            foreach (var row in section.Rows ?? [])
            {
                foreach (var seat in row.Seats ?? [])
                {
                    var label = row.Label.Trim();
                    var id = seat.Id is { } fileId && unclaimed.Remove(fileId) ? fileId
                        : byLabel.TryGetValue(SeatLabels.Key(name, label, seat.Number), out var known) && unclaimed.Remove(known.Id) ? known.Id
                        : nextTemporaryId--;
                    seats.Add(new SeatView(id, name, label, seat.Number, seat.X, seat.Y, seat.Kind));
                }
            }
        }

        return (seats, sections);
    }
}
