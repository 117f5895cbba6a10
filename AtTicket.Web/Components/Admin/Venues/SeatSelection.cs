namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>The seats an admin has picked in the editor; only seats the draft still has can be picked.</summary>
public sealed class SeatSelection(Func<IReadOnlyList<SeatView>> seats)
{
    private readonly HashSet<int> _ids = [];

    public IReadOnlySet<int> Ids => _ids;

    /// <summary>A plain click: the seat becomes the whole selection.</summary>
    public void Only(int seatId)
    {
        if (seats().Any(s => s.Id == seatId))
        {
            _ids.Clear();
            _ids.Add(seatId);
        }
    }

    /// <summary>Shift or Ctrl with a click: the seat joins the selection, or leaves it.</summary>
    public void Toggle(int seatId)
    {
        if (!_ids.Remove(seatId) && seats().Any(s => s.Id == seatId))
        {
            _ids.Add(seatId);
        }
    }

    /// <summary>Adds seats (a dragged rectangle adds to what was picked before).</summary>
    public void Add(IEnumerable<int> seatIds)
    {
        var present = seats().Select(s => s.Id).ToHashSet();
        _ids.UnionWith(seatIds.Where(present.Contains));
    }

    public void AddRow(string section, string row) =>
        _ids.UnionWith(seats().Where(s => s.Section == section && string.Equals(s.Row, row, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id));

    public void AddSection(string section) => _ids.UnionWith(seats().Where(s => s.Section == section).Select(s => s.Id));

    /// <summary>Grows the selection to every row that has a selected seat.</summary>
    public void GrowToWholeRows()
    {
        var all = seats();
        var rows = all.Where(s => _ids.Contains(s.Id)).Select(s => (s.Section, Row: s.Row.ToUpperInvariant())).ToHashSet();
        _ids.UnionWith(all.Where(s => rows.Contains((s.Section, s.Row.ToUpperInvariant()))).Select(s => s.Id));
    }

    /// <summary>Grows the selection to every section that has a selected seat.</summary>
    public void GrowToWholeSections()
    {
        var all = seats();
        var sections = all.Where(s => _ids.Contains(s.Id)).Select(s => s.Section).ToHashSet();
        _ids.UnionWith(all.Where(s => sections.Contains(s.Section)).Select(s => s.Id));
    }

    public void Clear() => _ids.Clear();

    /// <summary>After seats went away (undo, a removed section): forgets those.</summary>
    internal void KeepPresent() => _ids.IntersectWith(seats().Select(s => s.Id));
}
