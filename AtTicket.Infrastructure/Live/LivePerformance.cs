using AtTicket.Domain.Live;
using AtTicket.Infrastructure.Catalog;

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
    private string? _epoch;
    private long _sequence;

    public LivePerformance(int performanceId, IReadOnlyList<SeatFact> seats, LiveSequence numbering, DateTimeOffset loadedAt)
    {
        PerformanceId = performanceId;
        _seats = seats.ToDictionary(s => s.SeatId);
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
            if (!_seats.TryGetValue(fact.SeatId, out var known) || fact.Version > known.Version)
            {
                _seats[fact.SeatId] = fact;
            }
        }
    }

    private List<GradeAvailability> RemainingLocked(DateTimeOffset now)
    {
        var grades = new SortedDictionary<int, (int Total, int Remaining)>();
        foreach (var seat in _seats.Values)
        {
            if (seat.GradeId is not { } gradeId)
            {
                continue;
            }

            var (total, remaining) = grades.GetValueOrDefault(gradeId);
            grades[gradeId] = (total + 1, remaining + (seat.StatusAt(now) == Domain.Performances.SeatStatus.Available ? 1 : 0));
        }

        return [.. grades.Select(g => new GradeAvailability(g.Key, g.Value.Total, g.Value.Remaining))];
    }
}

internal enum ChangeOutcome
{
    Applied,
    AlreadyKnown,
    Reload,
}
