using AtTicket.Domain.Live;

namespace AtTicket.Web.Components.Performances;

/// <summary>What a click on a seat of the map did, or why it did nothing.</summary>
public enum SelectionChange
{
    Added,
    Removed,
    /// <summary>The buyer holds seats already: those are released before others are chosen.</summary>
    HoldFirst,
    NotAvailable,
    LimitReached,
    /// <summary>A wheelchair space is added only after the buyer confirms it (<see cref="BuyerSelection.Add"/>).</summary>
    ConfirmWheelchair,
}

/// <summary>
/// The seats of one performance as the buyer sees them, and the ones they picked, without any
/// rendering, so the rules are testable on their own: only a free seat with a grade can be picked,
/// at most <c>maxSeats</c>, none while a hold is open, and a picked seat that someone else takes
/// (or that a reload finds gone) leaves the selection.
/// </summary>
public sealed class BuyerSelection(int maxSeats)
{
    private readonly List<int> _picked = [];
    private Dictionary<int, SeatState> _states = [];
    private IReadOnlyDictionary<int, GradeView> _grades = new Dictionary<int, GradeView>();

    /// <summary>The hall's seats that this performance sells, in the hall's order.</summary>
    public IReadOnlyList<SeatView> Seats { get; private set; } = [];

    /// <summary>The picked seats in the order they were picked, each with the grade it is sold in.</summary>
    public IReadOnlyList<SelectedSeat> Picked =>
        [.. _picked.Select(Seat).Select(s => new SelectedSeat(s, _grades[_states[s.Id].GradeId!.Value]))];

    public IReadOnlyList<int> PickedIds => _picked;

    /// <summary>Takes the seats as just read; picked seats that are no longer available leave the selection.</summary>
    public void Load(IReadOnlyDictionary<int, GradeView> grades, IEnumerable<SeatView> hallSeats, IEnumerable<SeatState> states)
    {
        _grades = grades;
        _states = states.ToDictionary(s => s.SeatId);
        Seats = [.. hallSeats.Where(s => _states.ContainsKey(s.Id))];
        _picked.RemoveAll(id => _states[id].Status != SeatStatus.Available);
    }

    public SeatView Seat(int seatId) => Seats.First(s => s.Id == seatId);

    public SeatState StateOf(int seatId) => _states[seatId];

    public bool IsPicked(int seatId) => _picked.Contains(seatId);

    /// <summary>A seat anyone could still pick: available and sold in a grade.</summary>
    public bool IsFree(int seatId) => _states[seatId] is { Status: SeatStatus.Available, GradeId: not null };

    /// <summary>A click on a seat: removes a picked one, adds a free one if the rules allow.</summary>
    public SelectionChange Toggle(SeatView seat, bool holding)
    {
        if (holding)
        {
            return SelectionChange.HoldFirst;
        }

        if (_picked.Remove(seat.Id))
        {
            return SelectionChange.Removed;
        }

        if (!IsFree(seat.Id))
        {
            return SelectionChange.NotAvailable;
        }

        if (_picked.Count >= maxSeats)
        {
            return SelectionChange.LimitReached;
        }

        if (seat.Kind == SeatKind.Wheelchair)
        {
            return SelectionChange.ConfirmWheelchair;
        }

        _picked.Add(seat.Id);
        return SelectionChange.Added;
    }

    /// <summary>Adds a seat the buyer confirmed (a wheelchair space); a seat picked meanwhile is not added twice.</summary>
    public void Add(SeatView seat)
    {
        if (!_picked.Contains(seat.Id))
        {
            _picked.Add(seat.Id);
        }
    }

    public void Clear() => _picked.Clear();

    /// <summary>Of the seats in a returning guest's address, those this performance sells in a grade.</summary>
    public IReadOnlyList<int> Sellable(IEnumerable<int> seatIds) =>
        [.. seatIds.Where(id => _states.TryGetValue(id, out var state) && state.GradeId is not null)];

    /// <summary>Makes these seats the selection; <paramref name="availableOnly"/> leaves out those not available now.</summary>
    public void Replace(IEnumerable<int> seatIds, bool availableOnly)
    {
        _picked.Clear();
        _picked.AddRange(seatIds.Where(id => !availableOnly || _states[id].Status == SeatStatus.Available));
    }

    /// <summary>
    /// Applies live changes; returns the picked seats someone else just took. While the buyer's own hold
    /// is being made (<paramref name="holdingNow"/>), its seats turning held is no news and they stay picked.
    /// </summary>
    public IReadOnlyList<int> Apply(IEnumerable<SeatStatusChange> changes, bool holdingNow)
    {
        var taken = new List<int>();
        foreach (var change in changes)
        {
            if (!_states.TryGetValue(change.SeatId, out var state))
            {
                continue;
            }

            _states[change.SeatId] = state with { Status = change.Status };
            if (change.Status != SeatStatus.Available && !holdingNow && _picked.Remove(change.SeatId))
            {
                taken.Add(change.SeatId);
            }
        }

        return taken;
    }
}
