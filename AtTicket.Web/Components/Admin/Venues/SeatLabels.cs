namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>A seat's label (section, row, number) as the hall's uniqueness rule compares it: ignoring case.</summary>
internal static class SeatLabels
{
    public static string Key(string section, string row, int number) => $"{section}\u001f{row}\u001f{number}";

    public static HashSet<string> Of(IEnumerable<SeatView> seats) =>
        seats.Select(s => Key(s.Section, s.Row, s.Number)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static DraftError? CheckSectionName(string name) =>
        name.Length == 0 ? new DraftError("Enter a section name.")
            : name.Length > HallLayoutFile.MaxSectionLength ? new DraftError("The section name \"{0}\" is longer than {1} characters.", name, HallLayoutFile.MaxSectionLength)
            : null;
}
