namespace AtTicket.Infrastructure.Venues;

public static class HallLayoutConversion
{
    /// <summary>Flat seats to sections of rows, in the order people read a seat map (top to bottom, left to right).</summary>
    public static IReadOnlyList<SectionDocument> ToSections(IEnumerable<SeatView> seats) =>
        [.. seats
            .GroupBy(s => s.Section)
            .OrderBy(g => g.Min(s => s.Y)).ThenBy(g => g.Min(s => s.X))
            .Select(section => new SectionDocument(
                section.Key,
                [.. section
                    .GroupBy(s => s.Row)
                    .OrderBy(r => r.Min(s => s.Y))
                    .Select(row => new RowDocument(
                        row.Key,
                        [.. row.OrderBy(s => s.X).Select(s => new SeatDocument(s.Id, s.Number, s.X, s.Y, s.Kind))]))],
                section.Select(s => s.SectionKo).FirstOrDefault(name => name.Length > 0) ?? string.Empty))];

    public static HallLayoutDocument ToDocument(HallLayout layout) => new(layout.Name, ToSections(layout.Seats), layout.NameKo);
}
