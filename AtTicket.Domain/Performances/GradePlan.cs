namespace AtTicket.Domain.Performances;

/// <summary>A grade as an admin paints it: its price and colour, and the seats it covers.</summary>
public sealed record GradeSeats(int? GradeId, string Name, long Price, string Color, IReadOnlyCollection<int> SeatIds);

/// <summary>The rules for mapping a hall's seats to a performance's grades.</summary>
public static class GradePlan
{
    /// <summary>
    /// No seat in two grades, no seat from outside the hall, no two grades with one name; with
    /// <paramref name="requireEverySeat"/>, every seat of the hall in a grade (needed to go on sale).
    /// </summary>
    public static void Validate(IReadOnlyCollection<int> hallSeatIds, IReadOnlyList<GradeSeats> grades, bool requireEverySeat)
    {
        Guard.That(grades.Count > 0, new Refusal(RefusalCode.PerformanceNeedsGrade, "A performance needs at least one seat grade."), "grades");
        var names = grades.Select(g => g.Name.Trim()).ToList();
        Guard.That(
            names.Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Count,
            new Refusal(RefusalCode.GradeNamesRepeat, "Two grades have the same name."));

        var hall = hallSeatIds as IReadOnlySet<int> ?? hallSeatIds.ToHashSet();
        var seen = new HashSet<int>();
        foreach (var grade in grades)
        {
            foreach (var seatId in grade.SeatIds)
            {
                Guard.That(hall.Contains(seatId), new Refusal(RefusalCode.SeatNotInPerformanceHall, $"Seat {seatId} is not in this performance's hall.", seatId));
                Guard.That(seen.Add(seatId), new Refusal(RefusalCode.SeatInTwoGrades, $"Seat {seatId} is in more than one grade.", seatId));
            }
        }

        if (requireEverySeat)
        {
            var missing = hall.Count - seen.Count;
            Guard.That(
                missing == 0,
                missing == 1
                    ? new Refusal(RefusalCode.OneSeatWithoutGrade, "Every seat needs a grade: 1 seat has none.")
                    : new Refusal(RefusalCode.SeatsWithoutGrade, $"Every seat needs a grade: {missing} seats have none.", missing));
        }
    }

    /// <summary>
    /// Held and sold seats keep their grade (<see cref="PerformanceSeat.Claimed"/>): of the
    /// <paramref name="locked"/> seats, the ones the plan would move to another grade or leave out.
    /// </summary>
    public static IReadOnlyList<int> LockedSeatsMoved(IEnumerable<(int SeatId, int? GradeId)> locked, IReadOnlyList<GradeSeats> grades)
    {
        var wanted = grades.SelectMany(g => g.SeatIds.Select(s => (SeatId: s, g.GradeId))).ToDictionary(x => x.SeatId, x => x.GradeId);
        return [.. locked.Where(l => !wanted.TryGetValue(l.SeatId, out var gradeId) || gradeId != l.GradeId).Select(l => l.SeatId)];
    }
}
