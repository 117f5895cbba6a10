namespace AtTicket.Infrastructure.Live;

/// <summary>
/// One performance's seats as this node knows them: loaded once from the database, then kept by the
/// changes the bus delivers. Facts about a seat are kept by version, so a late or repeated fact never
/// overwrites a newer one, and a reload merges with what arrived meanwhile.
/// </summary>
internal sealed class LivePerformance
{
    private readonly Lock _lock = new();
    private Dictionary<int, SeatFact> _seats;

    // Kept with every change, so the remaining counts that go out with each change need not walk the
    // whole hall (they did; issue 9's second profile found it at ~7 % of a node's samples): per grade,
    // its seats and those stored as available; and the held seats, whose holds may run out at any time.
    private readonly Dictionary<int, GradeCount> _grades = [];
    private readonly Dictionary<int, SeatFact> _held = [];
    private string? _epoch;
    private long _sequence;

    public LivePerformance(int performanceId, IReadOnlyList<SeatFact> seats, LiveSequence numbering, DateTimeOffset loadedAt)
    {
        PerformanceId = performanceId;
        _seats = seats.ToDictionary(s => s.SeatId);
        Recount();
        (_epoch, _sequence) = (numbering.Epoch, numbering.Sequence);
        LoadedAt = loadedAt;
    }

    public int PerformanceId { get; }

    public DateTimeOffset LoadedAt { get; private set; }

    public long Sequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    /// <summary>Applies the next change; anything but the next number of the same epoch asks for a reload.</summary>
    public ChangeOutcome Apply(SeatChangeMessage change)
    {
        lock (_lock)
        {
            if (change.Reload || (_epoch is not null && _epoch != change.Epoch))
            {
                return ChangeOutcome.Reload;
            }

            if (_epoch is not null && change.Sequence <= _sequence)
            {
                Merge(change.Seats); // facts are safe to apply twice: only newer versions count
                return ChangeOutcome.AlreadyKnown;
            }

            if (change.Sequence != _sequence + 1)
            {
                return ChangeOutcome.Reload;
            }

            Merge(change.Seats);
            (_epoch, _sequence) = (change.Epoch, change.Sequence);
            return ChangeOutcome.Applied;
        }
    }

    /// <summary>Takes the database's rows (newer versions win; seats the database no longer has go) and, if given, a new numbering.</summary>
    public void Refresh(IReadOnlyList<SeatFact> rows, LiveSequence? numbering, DateTimeOffset loadedAt)
    {
        lock (_lock)
        {
            var next = rows.ToDictionary(r => r.SeatId);
            foreach (var (seatId, known) in _seats)
            {
                if (next.TryGetValue(seatId, out var row) && known.Version > row.Version)
                {
                    next[seatId] = known;
                }
            }

            _seats = next;
            Recount();
            if (numbering is not null)
            {
                (_epoch, _sequence) = (numbering.Epoch, numbering.Sequence);
            }

            LoadedAt = loadedAt;
        }
    }

    /// <summary>What listeners are told: the named seats as they are now here, and every grade's remaining seats.</summary>
    public SeatsChanged Describe(SeatChangeMessage change, DateTimeOffset now)
    {
        lock (_lock)
        {
            var seats = change.Seats
                .Select(s => _seats.TryGetValue(s.SeatId, out var fact) ? new SeatStatusChange(s.SeatId, fact.StatusAt(now)) : null)
                .OfType<SeatStatusChange>()
                .ToList();
            return new SeatsChanged(
                PerformanceId,
                change.Sequence,
                seats,
                [.. RemainingLocked(now).Select(g => new GradeRemaining(g.GradeId, g.Remaining))],
                change.PublishedAt);
        }
    }

    public LiveSnapshot Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            var seats = _seats.Values.Select(s => new SeatState(s.SeatId, s.GradeId, s.StatusAt(now))).ToList();
            return new LiveSnapshot(PerformanceId, _sequence, seats, RemainingLocked(now));
        }
    }

    public (long Sequence, IReadOnlyList<GradeAvailability> Grades) Remaining(DateTimeOffset now)
    {
        lock (_lock)
        {
            return (_sequence, RemainingLocked(now));
        }
    }

    private void Merge(IReadOnlyList<SeatFact> facts)
    {
        foreach (var fact in facts)
        {
            var isKnown = _seats.TryGetValue(fact.SeatId, out var known);
            if (!isKnown || fact.Version > known!.Version)
            {
                if (isKnown)
                {
                    Count(known!, -1);
                }

                _seats[fact.SeatId] = fact;
                Count(fact, +1);
            }
        }
    }

    private List<GradeAvailability> RemainingLocked(DateTimeOffset now)
    {
        var expired = new Dictionary<int, int>();
        foreach (var held in _held.Values)
        {
            if (held.StatusAt(now) == SeatStatus.Available)
            {
                expired[held.GradeId!.Value] = expired.GetValueOrDefault(held.GradeId.Value) + 1;
            }
        }

        return [.. _grades
            .Where(g => g.Value.Total > 0)
            .OrderBy(g => g.Key)
            .Select(g => new GradeAvailability(g.Key, g.Value.Total, g.Value.Available + expired.GetValueOrDefault(g.Key)))];
    }

    private void Recount()
    {
        _grades.Clear();
        _held.Clear();
        foreach (var seat in _seats.Values)
        {
            Count(seat, +1);
        }
    }

    /// <summary>Adds (+1) or takes away (-1) what one seat's fact contributes to the counts; ungraded seats are not for sale.</summary>
    private void Count(SeatFact seat, int sign)
    {
        if (seat.GradeId is not { } gradeId)
        {
            return;
        }

        if (!_grades.TryGetValue(gradeId, out var grade))
        {
            _grades[gradeId] = grade = new GradeCount();
        }

        grade.Total += sign;
        if (seat.Status == SeatStatus.Available)
        {
            grade.Available += sign;
        }
        else if (seat.Status == SeatStatus.Held)
        {
            if (sign > 0)
            {
                _held[seat.SeatId] = seat;
            }
            else
            {
                _held.Remove(seat.SeatId);
            }
        }
    }

    private sealed class GradeCount
    {
        public int Total { get; set; }

        public int Available { get; set; }
    }
}

internal enum ChangeOutcome
{
    Applied,
    AlreadyKnown,
    Reload,
}
