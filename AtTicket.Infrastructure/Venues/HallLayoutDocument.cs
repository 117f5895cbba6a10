namespace AtTicket.Infrastructure.Venues;

// A hall's seat map as the editor, the JSON import/export and the REST API exchange it:
// sections of rows of seats, positions in seat widths. Seat ids are present for existing seats.

/// <param name="NameKo">The hall's name for Korean readers; empty or left out when the default name serves them.</param>
public sealed record HallLayoutDocument(string Name, IReadOnlyList<SectionDocument> Sections, string? NameKo = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int SeatCount => Sections.Sum(s => s.Rows.Sum(r => r.Seats.Count));
}

/// <param name="NameKo">The section's name for Korean readers: left out keeps the one it has, empty clears it.</param>
public sealed record SectionDocument(string Name, IReadOnlyList<RowDocument> Rows, string? NameKo = null);

public sealed record RowDocument(string Label, IReadOnlyList<SeatDocument> Seats);

public sealed record SeatDocument(int? Id, int Number, double X, double Y, SeatKind Kind = SeatKind.Normal);
