using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// Announces committed seat changes: numbers the change, then reads the seats' states and the
/// performance's remaining seats per grade as they are now, and publishes it. A number taken but never
/// published (the read failed) is a gap: listeners reload. Failures are logged, never thrown:
/// the seat change itself has already happened.
/// </summary>
public sealed class SeatChangePublisher(
    IDbContextFactory<AtTicketDbContext> contexts,
    SeatAvailabilityReader availability,
    ISeatChangeBus bus,
    TimeProvider time,
    ILogger<SeatChangePublisher> logger) : ISeatChangeNotifier
{
    public async Task SeatsChangedAsync(int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default)
    {
        if (seatIds.Count == 0)
        {
            return;
        }

        try
        {
            // Numbered before the states are read, so a higher number always carries states read
            // later: applied by number, whatever order they arrive in, the changes leave each seat as
            // it is. (Read first, a release and the hold that follows it on another node could take
            // their numbers in the opposite order, and clients would keep the released state.) If the
            // read fails, the number is skipped, and clients reload at the gap.
            var sequence = await bus.NextSequenceAsync(performanceId);
            var seats = await ReadStatesAsync(performanceId, seatIds);
            var grades = await availability.GetRemainingAsync(performanceId, CancellationToken.None);
            await bus.PublishAsync(new SeatsChanged(
                performanceId,
                sequence,
                seats,
                [.. grades.Select(g => new GradeRemaining(g.GradeId, g.Remaining))],
                time.GetUtcNow()));
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not announce {Count} seat changes of performance {PerformanceId}", seatIds.Count, performanceId);
        }
    }

    private async Task<IReadOnlyList<SeatStatusChange>> ReadStatesAsync(int performanceId, IReadOnlyCollection<int> seatIds)
    {
        var now = time.GetUtcNow();
        var ids = seatIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.PerformanceSeats
            .AsNoTracking()
            .Where(s => s.PerformanceId == performanceId && ids.Contains(s.SeatId))
            .OrderBy(s => s.SeatId)
            .Select(s => new SeatStatusChange(s.SeatId, s.Status == SeatStatus.Held && s.HeldUntil < now ? SeatStatus.Available : s.Status))
            .ToListAsync();
    }
}
