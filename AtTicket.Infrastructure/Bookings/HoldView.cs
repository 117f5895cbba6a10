using System.Text.Json.Serialization;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>A held seat as the buyer reads it; <paramref name="Kind"/> says when it is a wheelchair space or a companion seat.</summary>
public sealed record HeldSeatView(int Id, string Section, string Row, int Number, int GradeId, string GradeName, long Price, SeatKind Kind = SeatKind.Normal, string SectionKo = "")
{
    /// <summary>The section's name in the reader's language.</summary>
    [JsonIgnore]
    public string DisplaySection => ShowText.ForReader(Section, SectionKo);
}

public sealed record HoldView(Guid Id, int PerformanceId, HoldStatus Status, IReadOnlyList<HeldSeatView> Seats, DateTimeOffset ExpiresAt)
{
    public long Total => Seats.Sum(s => s.Price);
}

/// <summary>A hold with its seats' labels and current prices, for pages and the API.</summary>
public sealed class HoldViewReader(IDbContextFactory<AtTicketDbContext> contexts, CatalogReader catalog, TimeProvider time)
{
    /// <summary>The member's live hold for this performance, if any: a page opened again picks up where it was.</summary>
    public async Task<HoldView?> FindLiveAsync(string memberId, int performanceId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hold = await db.SeatHolds.AsNoTracking()
            .Where(h => h.MemberId == memberId && h.PerformanceId == performanceId && h.Status == HoldStatus.Active && h.ExpiresAt > now)
            .OrderByDescending(h => h.ExpiresAt)
            .FirstOrDefaultAsync(cancellationToken);
        return hold is null ? null : await DescribeAsync(hold, cancellationToken);
    }

    /// <summary>The member's live holds on every performance, soonest to expire first: for the site's hold banner and the one-hold refusal.</summary>
    public async Task<IReadOnlyList<HoldView>> ListLiveAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        List<SeatHold> holds;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            holds = await db.SeatHolds.AsNoTracking()
                .Where(h => h.MemberId == memberId && h.Status == HoldStatus.Active && h.ExpiresAt > now)
                .ToListAsync(cancellationToken);
        }

        var views = new List<HoldView>(holds.Count);
        foreach (var hold in holds.OrderBy(h => h.ExpiresAt))
        {
            views.Add(await DescribeAsync(hold, cancellationToken));
        }

        return views;
    }

    /// <summary>
    /// A hold just made, from the seats its transaction returned (their grades) and the cached catalog
    /// (labels and prices): no database round trip. Falls back to the database when the cache cannot tell.
    /// </summary>
    public async Task<HoldView> DescribeAsync(SeatHold hold, IReadOnlyList<SeatFact> seats, CancellationToken cancellationToken = default)
    {
        if (seats.Count != hold.SeatIds.Count)
        {
            return await DescribeAsync(hold, cancellationToken);
        }

        var performance = await catalog.GetPerformanceAsync(hold.PerformanceId, includeUnpublished: true, cancellationToken);
        var layout = performance is null ? null : await catalog.GetHallLayoutAsync(performance.Hall.Id, cancellationToken);
        var described = new List<HeldSeatView>(seats.Count);
        foreach (var seat in seats)
        {
            var label = layout?.Seats.FirstOrDefault(s => s.Id == seat.SeatId);
            var grade = performance?.Grades.FirstOrDefault(g => g.Id == seat.GradeId);
            if (label is null || grade is null)
            {
                return await DescribeAsync(hold, cancellationToken);
            }

            described.Add(new HeldSeatView(label.Id, label.Section, label.Row, label.Number, grade.Id, grade.Name, grade.Price, label.Kind, label.SectionKo));
        }

        return new HoldView(hold.Id, hold.PerformanceId, hold.Status, [.. described.OrderBy(s => s.Section).ThenBy(s => s.Row).ThenBy(s => s.Number)], hold.ExpiresAt);
    }

    public async Task<HoldView> DescribeAsync(SeatHold hold, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seatIds = hold.SeatIds;
        var seats = await db.PerformanceSeats
            .AsNoTracking()
            .Where(s => s.PerformanceId == hold.PerformanceId && seatIds.Contains(s.SeatId))
            .Select(s => new HeldSeatView(s.SeatId, s.Seat!.Section, s.Seat.Row, s.Seat.Number, s.GradeId!.Value, s.Grade!.Name, s.Grade.Price, s.Seat.Kind, s.Seat.SectionKo))
            .ToListAsync(cancellationToken);
        return new HoldView(hold.Id, hold.PerformanceId, hold.Status, [.. seats.OrderBy(s => s.Section).ThenBy(s => s.Row).ThenBy(s => s.Number)], hold.ExpiresAt);
    }
}
