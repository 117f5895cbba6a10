using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Venues;

namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>One section's numbers for the editor's summary.</summary>
public sealed record SectionSummary(string Name, int Seats, int Rows, int Wheelchair, int Companion);

/// <summary>
/// A hall's seat map while an admin edits it: everything the editor page does, without rendering.
/// Seats are <see cref="SeatView"/>s so the shared seat map draws them exactly as customers will see
/// them; seats not saved yet have negative ids. Every change that alters seats can be undone, and
/// keeps the hall's rules (unique labels, positions not negative) so saving never fails on them.
/// </summary>
public sealed class HallDraft
{
    public const int MaxSeats = VenueAdminService.MaxSeatsPerHall;
    public const int MaxNameLength = 120;
    private const int UndoDepth = 50;

    private readonly Dictionary<int, SeatView> _saved;
    private readonly HashSet<int> _selected = [];
    private readonly LinkedList<Snapshot> _undo = new();
    private List<SeatView> _seats;
    private List<string> _sections;
    private int _nextTemporaryId = -1;
    private int _version;
    private int _versions;
    private int _savedVersion;
    private string _savedName;
    private string _name = string.Empty;
    private string _nameKo = string.Empty;
    private string _savedNameKo = string.Empty;

    public HallDraft(int venueId, int? hallId, string name, IEnumerable<SeatView> seats)
    {
        VenueId = venueId;
        HallId = hallId;
        Name = name;
        _savedName = name.Trim();
        _seats = [.. seats];
        _saved = _seats.Where(s => s.Id > 0).ToDictionary(s => s.Id);
        _sections = [.. HallLayoutConversion.ToSections(_seats).Select(s => s.Name)];
    }

    public static HallDraft ForNewHall(int venueId) => new(venueId, null, string.Empty, []);

    public static HallDraft FromLayout(HallLayout layout)
    {
        var draft = new HallDraft(layout.VenueId, layout.Id, layout.Name, layout.Seats) { NameKo = layout.NameKo };
        draft._savedNameKo = draft.NameKo.Trim();
        return draft;
    }

    public int VenueId { get; }

    /// <summary>Null until the hall is first saved.</summary>
    public int? HallId { get; }

    /// <summary>A cleared text field may hand back null; the draft keeps an empty name instead.</summary>
    public string Name
    {
        get => _name;
        set => _name = value ?? string.Empty;
    }

    /// <summary>The name Korean pages show; empty when the default name serves them.</summary>
    public string NameKo
    {
        get => _nameKo;
        set => _nameKo = value ?? string.Empty;
    }

    /// <summary>A new list after every change, so the seat map re-measures only when seats moved.</summary>
    public IReadOnlyList<SeatView> Seats => _seats;

    public IReadOnlyList<string> Sections => _sections;

    public IReadOnlySet<int> Selected => _selected;

    public int SeatCount => _seats.Count;

    public bool CanUndo => _undo.Count > 0;

    public bool IsDirty =>
        _version != _savedVersion
        || !string.Equals(Name.Trim(), _savedName, StringComparison.Ordinal)
        || !string.Equals(NameKo.Trim(), _savedNameKo, StringComparison.Ordinal);

    public IReadOnlyList<SectionSummary> Summary()
    {
        var bySection = _seats.ToLookup(s => s.Section);
        return [.. _sections.Select(name =>
        {
            var seats = bySection[name].ToList();
            return new SectionSummary(
                name,
                seats.Count,
                seats.Select(s => s.Row).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
                seats.Count(s => s.Kind == SeatKind.Wheelchair),
                seats.Count(s => s.Kind == SeatKind.Companion));
        })];
    }

    /// <summary>Where a new block fits without overlapping: at the left edge, two rows below everything drawn.</summary>
    public (double X, double Y) NextFreePosition() => _seats.Count == 0 ? (0, 0) : (0, Math.Ceiling(_seats.Max(s => s.Y)) + 2);

    public DraftError? CheckName()
    {
        var name = Name.Trim();
        return name.Length == 0 ? new DraftError("Enter the hall's name.")
            : name.Length > MaxNameLength ? new DraftError("The hall name must be at most {0} characters.", MaxNameLength)
            : null;
    }

    public DraftError? AddSection(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (CheckSectionName(trimmed) is { } error)
        {
            return error;
        }

        if (FindSection(trimmed) is not null)
        {
            return new DraftError("There is already a section named {0}.", trimmed);
        }

        Record();
        _sections.Add(trimmed);
        return null;
    }

    /// <summary>Adds rows × seats to a section (created if new). Nothing changes when any seat would clash.</summary>
    public DraftError? Generate(RowPlan plan)
    {
        var sectionName = plan.Section?.Trim() ?? string.Empty;
        if (CheckSectionName(sectionName) is { } nameError)
        {
            return nameError;
        }

        if (CheckPlan(plan) is { } planError)
        {
            return planError;
        }

        var firstRow = plan.FirstRow is null ? 1 : RowLabels.Parse(plan.Labels, plan.FirstRow);
        if (firstRow is null)
        {
            return plan.Labels == RowLabelStyle.Letters
                ? new DraftError("The first row must be letters such as A or AA.")
                : new DraftError("The first row must be a number from 1.");
        }

        var section = FindSection(sectionName) ?? sectionName;
        var taken = LabelSet(_seats);
        var added = new List<SeatView>(plan.Rows * plan.SeatsPerRow);
        for (var r = 0; r < plan.Rows; r++)
        {
            var row = RowLabels.Label(plan.Labels, firstRow.Value + r);
            if (row.Length > HallLayoutFile.MaxRowLabelLength)
            {
                return new DraftError("The row label \"{0}\" is longer than {1} characters.", row, HallLayoutFile.MaxRowLabelLength);
            }

            for (var i = 0; i < plan.SeatsPerRow; i++)
            {
                var number = plan.Numbering == SeatNumbering.LeftToRight ? plan.FirstNumber + i : plan.FirstNumber + plan.SeatsPerRow - 1 - i;
                if (!taken.Add(Key(section, row, number)))
                {
                    return new DraftError("Seat {0} already exists. Choose another first row, first number or section.", HallLayoutFile.SeatLabel(section, row, number));
                }

                added.Add(new SeatView(0, section, row, number, plan.X + (i * plan.SeatSpacing), plan.Y + (r * plan.RowSpacing), SeatKind.Normal));
            }
        }

        Record();
        if (!_sections.Contains(section))
        {
            _sections.Add(section);
        }

        _seats = [.. _seats, .. added.Select(s => s with { Id = _nextTemporaryId-- })];
        return null;
    }

    /// <summary>A plain click: the seat becomes the whole selection.</summary>
    public void SelectOnly(int seatId)
    {
        if (_seats.Any(s => s.Id == seatId))
        {
            _selected.Clear();
            _selected.Add(seatId);
        }
    }

    /// <summary>Shift or Ctrl with a click: the seat joins the selection, or leaves it.</summary>
    public void Toggle(int seatId)
    {
        if (!_selected.Remove(seatId) && _seats.Any(s => s.Id == seatId))
        {
            _selected.Add(seatId);
        }
    }

    /// <summary>Adds seats to the selection (a dragged rectangle adds to what was picked before).</summary>
    public void Select(IEnumerable<int> seatIds)
    {
        var present = _seats.Select(s => s.Id).ToHashSet();
        _selected.UnionWith(seatIds.Where(present.Contains));
    }

    public void SelectRow(string section, string row) =>
        _selected.UnionWith(_seats.Where(s => s.Section == section && string.Equals(s.Row, row, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id));

    public void SelectSection(string section) => _selected.UnionWith(_seats.Where(s => s.Section == section).Select(s => s.Id));

    /// <summary>Grows the selection to every row that has a selected seat.</summary>
    public void SelectWholeRows()
    {
        var rows = _seats.Where(s => _selected.Contains(s.Id)).Select(s => (s.Section, Row: s.Row.ToUpperInvariant())).ToHashSet();
        _selected.UnionWith(_seats.Where(s => rows.Contains((s.Section, s.Row.ToUpperInvariant()))).Select(s => s.Id));
    }

    /// <summary>Grows the selection to every section that has a selected seat.</summary>
    public void SelectWholeSections()
    {
        var sections = _seats.Where(s => _selected.Contains(s.Id)).Select(s => s.Section).ToHashSet();
        _selected.UnionWith(_seats.Where(s => sections.Contains(s.Section)).Select(s => s.Id));
    }

    public void ClearSelection() => _selected.Clear();

    /// <summary>Removes the selected seats (aisles, shapes). Their sections stay, even when empty.</summary>
    public int RemoveSelected()
    {
        if (_selected.Count == 0)
        {
            return 0;
        }

        Record();
        var before = _seats.Count;
        _seats = [.. _seats.Where(s => !_selected.Contains(s.Id))];
        _selected.Clear();
        return before - _seats.Count;
    }

    /// <summary>Gives the selected seats a kind; the selection is done with and clears, so the new kind shows.</summary>
    public int MarkSelected(SeatKind kind)
    {
        var changing = _seats.Count(s => _selected.Contains(s.Id) && s.Kind != kind);
        if (changing > 0)
        {
            Record();
            _seats = [.. _seats.Select(s => _selected.Contains(s.Id) ? s with { Kind = kind } : s)];
        }

        _selected.Clear();
        return changing;
    }

    public DraftError? MoveSection(string section, double dx, double dy)
    {
        if (!double.IsFinite(dx) || !double.IsFinite(dy))
        {
            return new DraftError("Enter how far to move the section.");
        }

        var seats = _seats.Where(s => s.Section == section).ToList();
        if (seats.Count == 0 || (dx == 0 && dy == 0))
        {
            return null;
        }

        if (seats.Min(s => s.X) + dx < 0 || seats.Min(s => s.Y) + dy < 0)
        {
            return new DraftError("Section {0} cannot move further: seat positions cannot be negative.", section);
        }

        Record();
        _seats = [.. _seats.Select(s => s.Section == section ? s with { X = Math.Round(s.X + dx, 3), Y = Math.Round(s.Y + dy, 3) } : s)];
        return null;
    }

    public int RemoveSection(string section)
    {
        if (!_sections.Contains(section))
        {
            return 0;
        }

        Record();
        var before = _seats.Count;
        _seats = [.. _seats.Where(s => s.Section != section)];
        _sections.Remove(section);
        _selected.IntersectWith(_seats.Select(s => s.Id));
        return before - _seats.Count;
    }

    public bool Undo()
    {
        if (_undo.Last is not { } last)
        {
            return false;
        }

        _undo.RemoveLast();
        (_seats, _sections, _version) = (last.Value.Seats, [.. last.Value.Sections], last.Value.Version);
        _selected.IntersectWith(_seats.Select(s => s.Id));
        return true;
    }

    /// <summary>The layout to save: seats already saved keep their ids, new ones have none.</summary>
    public HallLayoutDocument ToDocument()
    {
        var sections = HallLayoutConversion.ToSections(_seats)
            .Select(section => section with
            {
                Rows = [.. section.Rows.Select(row => row with
                {
                    Seats = [.. row.Seats.Select(seat => seat.Id is > 0 ? seat : seat with { Id = null })],
                })],
            });
        return new HallLayoutDocument(Name.Trim(), [.. sections], NameKo.Trim());
    }

    public string Export() => HallLayoutFile.Write(ToDocument());

    /// <summary>
    /// Replaces the seats with a file's (undoable). A seat keeps its saved identity when the file names
    /// its id or its label, so re-importing an exported hall removes nothing that was sold.
    /// </summary>
    public IReadOnlyList<DraftError> Import(string json)
    {
        var (layout, errors) = HallLayoutFile.Read(json);
        if (layout is null)
        {
            return errors;
        }

        var unclaimed = new Dictionary<int, SeatView>(_saved);
        var byLabel = _saved.Values.ToDictionary(s => Key(s.Section, s.Row, s.Number), StringComparer.OrdinalIgnoreCase);
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
                        : byLabel.TryGetValue(Key(name, label, seat.Number), out var known) && unclaimed.Remove(known.Id) ? known.Id
                        : _nextTemporaryId--;
                    seats.Add(new SeatView(id, name, label, seat.Number, seat.X, seat.Y, seat.Kind));
                }
            }
        }

        Record();
        (_seats, _sections) = (seats, sections);
        _selected.Clear();
        if (string.IsNullOrWhiteSpace(Name) && !string.IsNullOrWhiteSpace(layout.Name))
        {
            Name = layout.Name.Trim();
        }

        return [];
    }

    /// <summary>Labels of saved seats by id, for seats the draft may no longer contain.</summary>
    public IReadOnlyList<string> SavedLabels(IEnumerable<int> seatIds) =>
        [.. seatIds.Select(id => _saved.TryGetValue(id, out var s) ? HallLayoutFile.SeatLabel(s.Section, s.Row, s.Number) : $"#{id}").Order()];

    /// <summary>Puts removed saved seats back where they were (those whose label is now taken stay out).</summary>
    public int RestoreSavedSeats(IEnumerable<int> seatIds)
    {
        var present = _seats.Select(s => s.Id).ToHashSet();
        var taken = LabelSet(_seats);
        var back = seatIds
            .Where(id => !present.Contains(id) && _saved.ContainsKey(id))
            .Select(id => _saved[id])
            .Where(s => taken.Add(Key(s.Section, s.Row, s.Number)))
            .ToList();
        if (back.Count == 0)
        {
            return 0;
        }

        Record();
        _seats = [.. _seats, .. back];
        _sections = [.. _sections, .. back.Select(s => s.Section).Distinct().Where(s => !_sections.Contains(s))];
        return back.Count;
    }

    /// <summary>After a save: nothing is unsaved until the next change.</summary>
    public void MarkSaved()
    {
        _savedVersion = _version;
        _savedName = Name.Trim();
        _savedNameKo = NameKo.Trim();
    }

    private static DraftError? CheckSectionName(string name) =>
        name.Length == 0 ? new DraftError("Enter a section name.")
            : name.Length > HallLayoutFile.MaxSectionLength ? new DraftError("The section name \"{0}\" is longer than {1} characters.", name, HallLayoutFile.MaxSectionLength)
            : null;

    private DraftError? CheckPlan(RowPlan plan)
    {
        if (plan.Rows is < 1 or > RowPlan.MaxRows || plan.SeatsPerRow is < 1 or > RowPlan.MaxSeatsPerRow)
        {
            return new DraftError("Choose 1 to {0} rows of 1 to {1} seats.", RowPlan.MaxRows, RowPlan.MaxSeatsPerRow);
        }

        if (plan.FirstNumber < 1)
        {
            return new DraftError("Seat numbers start at 1.");
        }

        if (!double.IsFinite(plan.X) || !double.IsFinite(plan.Y) || plan.X < 0 || plan.Y < 0)
        {
            return new DraftError("The position cannot be negative.");
        }

        if (!double.IsFinite(plan.SeatSpacing) || !double.IsFinite(plan.RowSpacing) || plan.SeatSpacing < RowPlan.MinSpacing || plan.RowSpacing < RowPlan.MinSpacing)
        {
            return new DraftError("Spacing must be at least {0} so seats do not overlap.", RowPlan.MinSpacing);
        }

        var total = _seats.Count + (plan.Rows * plan.SeatsPerRow);
        return total > MaxSeats ? new DraftError("That would make {0:N0} seats; a hall can have at most {1:N0}.", total, MaxSeats) : null;
    }

    private string? FindSection(string name) => _sections.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));

    private static string Key(string section, string row, int number) => $"{section}\u001f{row}\u001f{number}";

    private static HashSet<string> LabelSet(IEnumerable<SeatView> seats) =>
        seats.Select(s => Key(s.Section, s.Row, s.Number)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers the state before a change, for <see cref="Undo"/>.</summary>
    private void Record()
    {
        _undo.AddLast(new Snapshot(_seats, [.. _sections], _version));
        if (_undo.Count > UndoDepth)
        {
            _undo.RemoveFirst();
        }

        _version = ++_versions;
    }

    private sealed record Snapshot(List<SeatView> Seats, List<string> Sections, int Version);
}
