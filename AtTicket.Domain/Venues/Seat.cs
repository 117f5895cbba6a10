namespace AtTicket.Domain.Venues;

/// <summary>One physical seat: where it is drawn and how people find it (section, row, number).</summary>
public class Seat
{
    private Seat()
    {
        Section = string.Empty;
        SectionKo = string.Empty;
        Row = string.Empty;
    }

    internal Seat(Hall hall, string section, string row, int number, double x, double y, SeatKind kind)
    {
        Guard.That(number > 0, new Refusal(RefusalCode.SeatNumberNotPositive, "A seat number must be positive."), "number");
        Guard.That(IsInside(x) && IsInside(y), OutsideHall, "x", "y");
        Guard.That(Enum.IsDefined(kind), new Refusal(RefusalCode.SeatKindUnknown, "The seat kind is unknown."), "kind");
        Hall = hall;
        HallId = hall.Id;
        Section = Guard.Text(section, RuleSubject.Section, MaxSectionLength);
        SectionKo = string.Empty;
        Row = Guard.Text(row, RuleSubject.RowLabel, 10);
        Number = number;
        X = x;
        Y = y;
        Kind = kind;
    }

    /// <summary>Far beyond any real hall; a seat at 1e308 would shrink every other seat of the drawn map to nothing.</summary>
    public const double MaxCoordinate = 10_000;

    public const int MaxSectionLength = 40;

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public Hall? Hall { get; private set; }
    public string Section { get; private set; }

    /// <summary>The section's name for Korean readers; empty when the default name serves them too. Every seat of a section carries the same one (see <see cref="Hall.NameSectionInKorean"/>).</summary>
    public string SectionKo { get; private set; }
    public string Row { get; private set; }
    public int Number { get; private set; }
    public double X { get; private set; }
    public double Y { get; private set; }
    public SeatKind Kind { get; private set; }

    public string Label => $"{Section} {Row}-{Number}";

    /// <summary>New section, row or number; the hall's labels stay unique because the hall saves them under a unique index.</summary>
    public void Relabel(string section, string row, int number)
    {
        Guard.That(number > 0, new Refusal(RefusalCode.SeatNumberNotPositive, "A seat number must be positive."), "number");
        var checkedSection = Guard.Text(section, RuleSubject.Section, MaxSectionLength);
        var checkedRow = Guard.Text(row, RuleSubject.RowLabel, 10);
        Section = checkedSection;
        Row = checkedRow;
        Number = number;
    }

    private static Refusal OutsideHall =>
        new(RefusalCode.SeatOutsideHall, $"A seat must be placed inside its hall (x and y between 0 and {MaxCoordinate}).", 0, MaxCoordinate);

    internal void SetKoreanSection(string nameKo) => SectionKo = nameKo;

    internal bool IsIn(string section) => string.Equals(Section, section.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool IsInside(double coordinate) => double.IsFinite(coordinate) && coordinate is >= 0 and <= MaxCoordinate;

    public void MoveTo(double x, double y)
    {
        Guard.That(IsInside(x) && IsInside(y), OutsideHall, "x", "y");
        X = x;
        Y = y;
    }

    public void ChangeKind(SeatKind kind)
    {
        Guard.That(Enum.IsDefined(kind), new Refusal(RefusalCode.SeatKindUnknown, "The seat kind is unknown."), "kind");
        Kind = kind;
    }

    internal bool SameLabelAs(Seat other) =>
        string.Equals(Section, other.Section, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Row, other.Row, StringComparison.OrdinalIgnoreCase)
        && Number == other.Number;
}
