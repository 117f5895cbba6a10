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
    public const int MaxNameLength = Hall.MaxNameLength;
    private const int UndoDepth = 50;

    private readonly Dictionary<int, SeatView> _saved;
    private readonly UndoHistory<Snapshot> _undo = new(UndoDepth);
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
    private readonly Dictionary<string, string> _sectionNamesKo = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, string> _savedSectionNamesKo = new(StringComparer.OrdinalIgnoreCase);

    public HallDraft(int venueId, int? hallId, string name, IEnumerable<SeatView> seats)
    {
        VenueId = venueId;
        HallId = hallId;
        Name = name;
        _savedName = name.Trim();
        _seats = [.. seats];
        _saved = _seats.Where(s => s.Id > 0).ToDictionary(s => s.Id);
        var sections = HallLayoutConversion.ToSections(_seats);
        _sections = [.. sections.Select(s => s.Name)];
        foreach (var section in sections.Where(s => !string.IsNullOrEmpty(s.NameKo)))
        {
            _sectionNamesKo[section.Name] = section.NameKo!;
        }

        _savedSectionNamesKo = new(_sectionNamesKo, StringComparer.OrdinalIgnoreCase);
        Selection = new SeatSelection(() => _seats);
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

    public SeatSelection Selection { get; }

    public int SeatCount => _seats.Count;

    public bool CanUndo => _undo.CanUndo;

    public bool IsDirty =>
        _version != _savedVersion
        || !string.Equals(Name.Trim(), _savedName, StringComparison.Ordinal)
        || !string.Equals(NameKo.Trim(), _savedNameKo, StringComparison.Ordinal)
        || _sections.Any(s => !string.Equals(SectionNameKo(s), _savedSectionNamesKo.GetValueOrDefault(s) ?? string.Empty, StringComparison.Ordinal));

    /// <summary>The section's name on Korean pages; empty when its default name serves them.</summary>
    public string SectionNameKo(string section) => _sectionNamesKo.GetValueOrDefault(section) ?? string.Empty;

    public DraftError? NameSectionInKorean(string section, string? nameKo)
    {
        var trimmed = nameKo?.Trim() ?? string.Empty;
        if (trimmed.Length > Seat.MaxSectionLength)
        {
            return new DraftError("The Korean section name must be at most {0} characters.", Seat.MaxSectionLength);
        }

        if (trimmed.Length == 0)
        {
            _sectionNamesKo.Remove(section);
        }
        else
        {
            _sectionNamesKo[section] = trimmed;
        }

        // The map draws the seats: on a Korean page it names the section with the new name at once.
        _seats = [.. _seats.Select(s => string.Equals(s.Section, section, StringComparison.OrdinalIgnoreCase) ? s with { SectionKo = trimmed } : s)];
        return null;
    }

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
        if (SeatLabels.CheckSectionName(trimmed) is { } error)
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
        if (SeatLabels.CheckSectionName(sectionName) is { } nameError)
        {
            return nameError;
        }

        var section = FindSection(sectionName) ?? sectionName;
        var (added, error) = RowGenerator.Generate(plan, section, _seats);
        if (error is not null)
        {
            return error;
        }

        Record();
        if (!_sections.Contains(section))
        {
            _sections.Add(section);
        }

        _seats = [.. _seats, .. added.Select(s => s with { Id = _nextTemporaryId-- })];
        return null;
    }

    /// <summary>Removes the selected seats (aisles, shapes). Their sections stay, even when empty.</summary>
    public int RemoveSelected()
    {
        var selected = Selection.Ids;
        if (selected.Count == 0)
        {
            return 0;
        }

        Record();
        var before = _seats.Count;
        _seats = [.. _seats.Where(s => !selected.Contains(s.Id))];
        Selection.Clear();
        return before - _seats.Count;
    }

    /// <summary>Gives the selected seats a kind; the selection is done with and clears, so the new kind shows.</summary>
    public int MarkSelected(SeatKind kind)
    {
        var selected = Selection.Ids;
        var changing = _seats.Count(s => selected.Contains(s.Id) && s.Kind != kind);
        if (changing > 0)
        {
            Record();
            _seats = [.. _seats.Select(s => selected.Contains(s.Id) ? s with { Kind = kind } : s)];
        }

        Selection.Clear();
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
        Selection.KeepPresent();
        return before - _seats.Count;
    }

    public bool Undo()
    {
        if (!_undo.TryUndo(out var before))
        {
            return false;
        }

        (_seats, _sections, _version) = (before.Seats, [.. before.Sections], before.Version);
        Selection.KeepPresent();
        return true;
    }

    /// <summary>The layout to save: seats already saved keep their ids, new ones have none.</summary>
    public HallLayoutDocument ToDocument()
    {
        var sections = HallLayoutConversion.ToSections(_seats)
            .Select(section => section with
            {
                NameKo = SectionNameKo(section.Name),
                Rows = [.. section.Rows.Select(row => row with
                {
                    Seats = [.. row.Seats.Select(seat => seat.Id is > 0 ? seat : seat with { Id = null })],
                })],
            });
        return new HallLayoutDocument(Name.Trim(), [.. sections], NameKo.Trim());
    }

    public string Export() => HallLayoutFile.Write(ToDocument());

    /// <summary>Replaces the seats with a file's (undoable), matched to the saved seats by <see cref="LayoutImport"/>.</summary>
    public IReadOnlyList<DraftError> Import(string json)
    {
        var (layout, errors) = HallLayoutFile.Read(json);
        if (layout is null)
        {
            return errors;
        }

        var (seats, sections) = LayoutImport.Match(layout, _saved, ref _nextTemporaryId);
        Record();
        (_seats, _sections) = (seats, sections);
        foreach (var section in layout.Sections.Where(s => s.NameKo is not null))
        {
            NameSectionInKorean(section.Name.Trim(), section.NameKo);
        }

        Selection.Clear();
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
        var taken = SeatLabels.Of(_seats);
        var back = seatIds
            .Where(id => !present.Contains(id) && _saved.ContainsKey(id))
            .Select(id => _saved[id])
            .Where(s => taken.Add(SeatLabels.Key(s.Section, s.Row, s.Number)))
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
        _savedSectionNamesKo = new(_sectionNamesKo, StringComparer.OrdinalIgnoreCase);
    }

    private string? FindSection(string name) => _sections.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Remembers the state before a change, for <see cref="Undo"/>.</summary>
    private void Record()
    {
        _undo.Record(new Snapshot(_seats, [.. _sections], _version));

        _version = ++_versions;
    }

    private sealed record Snapshot(List<SeatView> Seats, List<string> Sections, int Version);
}
