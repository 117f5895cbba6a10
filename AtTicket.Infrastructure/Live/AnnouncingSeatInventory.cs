namespace AtTicket.Infrastructure.Live;

/// <summary>
/// The seat inventory, announcing every committed change: holds, releases and the sweeper's expiries.
/// Wrapping the port, rather than calling the notifier from each service, means no path that moves a
/// seat can forget to announce it.
/// </summary>
public sealed class AnnouncingSeatInventory(ISeatInventory inner, ISeatChangeNotifier notifier) : ISeatInventory
{
    public Task<MemberHoldings> GetHoldingsAsync(string memberId, int performanceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.GetHoldingsAsync(memberId, performanceId, now, cancellationToken);

    public async Task<HoldResult> HoldAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken) =>
        await AnnounceAsync(await inner.HoldAsync(hold, now, cancellationToken));

    public async Task<HoldResult> HoldBestAvailableAsync(HoldDraft draft, int gradeId, int quantity, bool includeAccessible, DateTimeOffset now, CancellationToken cancellationToken) =>
        await AnnounceAsync(await inner.HoldBestAvailableAsync(draft, gradeId, quantity, includeAccessible, now, cancellationToken));

    public Task<SeatHold?> FindHoldAsync(Guid holdId, string memberId, CancellationToken cancellationToken) =>
        inner.FindHoldAsync(holdId, memberId, cancellationToken);

    public async Task<ReleasedHold?> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken)
    {
        var released = await inner.ReleaseAsync(holdId, memberId, cancellationToken);
        if (released is not null)
        {
            await (released.Seats.Count > 0
                ? notifier.SeatsChangedAsync(released.PerformanceId, released.Seats, CancellationToken.None)
                : notifier.SeatsChangedAsync(released.PerformanceId, released.SeatIds, CancellationToken.None));
        }

        return released;
    }

    public async Task<IReadOnlyList<ReleasedSeats>> ReleaseExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var released = await inner.ReleaseExpiredAsync(now, cancellationToken);
        foreach (var performance in released.GroupBy(r => r.PerformanceId))
        {
            await notifier.SeatsChangedAsync(performance.Key, [.. performance.SelectMany(r => r.SeatIds)], CancellationToken.None);
        }

        return released;
    }

    private async Task<HoldResult> AnnounceAsync(HoldResult result)
    {
        if (result is { Outcome: HoldOutcome.Held, Hold: { } hold })
        {
            await (result.Seats.Count > 0
                ? notifier.SeatsChangedAsync(hold.PerformanceId, result.Seats, CancellationToken.None)
                : notifier.SeatsChangedAsync(hold.PerformanceId, hold.SeatIds, CancellationToken.None));
        }

        return result;
    }
}
