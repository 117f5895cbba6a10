using System.Text.RegularExpressions;

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>What a click on the map paints: the seat itself, its whole row or its whole section.</summary>
public enum PaintTool
{
    Seat,
    Row,
    Section,
}

/// <summary>How many seats changed grade, and the held or sold seats that were left as they were.</summary>
public readonly record struct PaintResult(int Changed, IReadOnlyList<SeatView> Locked);

/// <summary>
/// Paints a hall's seats into a performance's grades, without any rendering, so the rules are
/// testable on their own: a held or sold seat keeps its grade, erasing makes seats unassigned,
/// and <see cref="ToPlan"/> hands the result to the admin service as the Domain's grade plan.
/// </summary>
public sealed partial class GradePainter
{
    private readonly Dictionary<int, GradeDraft> _gradeOf = [];
    private readonly Dictionary<int, SeatStatus> _locks = [];
    private readonly HashSet<int> _seatIds;
    private readonly List<GradeDraft> _grades;

    public GradePainter(IReadOnlyList<SeatView> seats, IEnumerable<GradeDraft> grades)
    {
        Seats = seats;
        _seatIds = [.. seats.Select(s => s.Id)];
        _grades = [.. grades];
        Brush = _grades.FirstOrDefault();
    }

    /// <summary>A saved performance: its grades with their ids, each seat's grade, held and sold seats locked.</summary>
    public static GradePainter ForPerformance(IReadOnlyList<SeatView> seats, IReadOnlyList<GradeView> grades, IReadOnlyList<SeatState> states)
    {
        var painter = new GradePainter(seats, grades.Select(g => new GradeDraft(g.Id, g.Name, g.Price, g.Color)));
        painter.ApplyStates(states, mappingToo: true);
        return painter;
    }

    public IReadOnlyList<SeatView> Seats { get; }

    public IReadOnlyList<GradeDraft> Grades => _grades;

    /// <summary>The grade painting applies; null is the eraser (seats become unassigned).</summary>
    public GradeDraft? Brush { get; set; }

    public PaintTool Tool { get; set; } = PaintTool.Seat;

    public int UnassignedCount => Seats.Count - _gradeOf.Count;

    public int LockedCount => _locks.Count;

    public int CountOf(GradeDraft grade) => _gradeOf.Values.Count(g => ReferenceEquals(g, grade));

    public GradeDraft? GradeOf(int seatId) => _gradeOf.GetValueOrDefault(seatId);

    /// <summary>Held or Sold when the seat cannot change grade; null when it is free to repaint.</summary>
    public SeatStatus? LockOf(int seatId) => _locks.TryGetValue(seatId, out var status) ? status : null;

    /// <summary>Paints with the current <see cref="Tool"/>: the seat, its row or its section.</summary>
    public PaintResult Click(SeatView seat) => Tool switch
    {
        PaintTool.Row => PaintRowOf(seat),
        PaintTool.Section => PaintSectionOf(seat),
        _ => Paint([seat]),
    };

    public PaintResult PaintRowOf(SeatView seat) => Paint(Seats.Where(s => s.Section == seat.Section && s.Row == seat.Row));

    public PaintResult PaintSectionOf(SeatView seat) => Paint(Seats.Where(s => s.Section == seat.Section));

    /// <summary>Gives every seat without a grade the brush's grade; painted seats stay as they are.</summary>
    public PaintResult PaintUnassigned() =>
        Brush is null ? new PaintResult(0, []) : Paint(Seats.Where(s => !_gradeOf.ContainsKey(s.Id)));

    /// <summary>Applies the brush to these seats; held and sold seats are skipped and reported.</summary>
    public PaintResult Paint(IEnumerable<SeatView> seats)
    {
        var changed = 0;
        var locked = new List<SeatView>();
        foreach (var seat in seats.Where(s => _seatIds.Contains(s.Id)))
        {
            if (_locks.ContainsKey(seat.Id))
            {
                locked.Add(seat);
                continue;
            }

            var current = _gradeOf.GetValueOrDefault(seat.Id);
            if (ReferenceEquals(current, Brush))
            {
                continue;
            }

            if (Brush is null)
            {
                _gradeOf.Remove(seat.Id);
            }
            else
            {
                _gradeOf[seat.Id] = Brush;
            }

            changed++;
        }

        return new PaintResult(changed, locked);
    }

    public void AddGrade(GradeDraft grade)
    {
        _grades.Add(grade);
        Brush = grade;
    }

    /// <summary>Removes a grade and unassigns its seats; refused (false) while a held or sold seat is in it.</summary>
    public bool RemoveGrade(GradeDraft grade)
    {
        var seats = _gradeOf.Where(p => ReferenceEquals(p.Value, grade)).Select(p => p.Key).ToList();
        if (seats.Any(_locks.ContainsKey))
        {
            return false;
        }

        foreach (var seatId in seats)
        {
            _gradeOf.Remove(seatId);
        }

        _grades.Remove(grade);
        if (ReferenceEquals(Brush, grade))
        {
            Brush = _grades.FirstOrDefault();
        }

        return true;
    }

    /// <summary>
    /// Takes in seat states read after the painter was loaded (say, after a save was refused because
    /// seats sold meanwhile): newly held or sold seats get their saved grade back and are locked.
    /// </summary>
    /// <returns>The seats whose grade in the painter had to be put back.</returns>
    public IReadOnlyList<SeatView> ApplyLocks(IReadOnlyList<SeatState> states)
    {
        var before = _gradeOf.ToDictionary();
        ApplyStates(states, mappingToo: false);
        return [.. Seats.Where(s => _locks.ContainsKey(s.Id) && !ReferenceEquals(before.GetValueOrDefault(s.Id), _gradeOf.GetValueOrDefault(s.Id)))];
    }

    /// <summary>
    /// The first thing that would stop the grades from being saved, as an English sentence (the
    /// page localizes it), or null when they are fine.
    /// </summary>
    public string? Problem
    {
        get
        {
            if (_grades.Count == 0)
            {
                return "Add at least one grade.";
            }

            if (_grades.Any(g => string.IsNullOrWhiteSpace(g.Name)))
            {
                return "Every grade needs a name.";
            }

            if (_grades.Any(g => g.Name.Trim().Length > 30))
            {
                return "A grade name has at most 30 characters.";
            }

            if (_grades.Select(g => g.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != _grades.Count)
            {
                return "Two grades have the same name.";
            }

            if (_grades.Any(g => g.Price is <= 0 or > SeatGrade.MaxPrice))
            {
                return "Every grade needs a price between 1 and 10,000,000 won.";
            }

            return _grades.All(g => HexColor().IsMatch(g.Color)) ? null : "Every grade needs a colour.";
        }
    }

    /// <summary>The grades and their seats, as the admin service takes them.</summary>
    public IReadOnlyList<GradeSeats> ToPlan() =>
        [.. _grades.Select(g => new GradeSeats(
            g.GradeId,
            g.Name.Trim(),
            g.Price,
            g.Color.ToLowerInvariant(),
            [.. _gradeOf.Where(p => ReferenceEquals(p.Value, g)).Select(p => p.Key).Order()]))];

    private void ApplyStates(IReadOnlyList<SeatState> states, bool mappingToo)
    {
        var byId = _grades.Where(g => g.GradeId is not null).ToDictionary(g => g.GradeId!.Value);
        _locks.Clear();
        foreach (var state in states.Where(s => _seatIds.Contains(s.SeatId)))
        {
            var locked = state.Status != SeatStatus.Available;
            if (locked)
            {
                _locks[state.SeatId] = state.Status;
            }

            if ((mappingToo || locked) && state.GradeId is { } gradeId && byId.TryGetValue(gradeId, out var grade))
            {
                _gradeOf[state.SeatId] = grade;
            }
        }
    }

    [GeneratedRegex(@"\A#[0-9a-fA-F]{6}\z")]
    private static partial Regex HexColor();
}
