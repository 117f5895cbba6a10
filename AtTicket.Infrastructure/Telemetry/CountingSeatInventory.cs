namespace AtTicket.Infrastructure.Telemetry;

/// <summary>The seat inventory, counting every hold attempt by its outcome.</summary>
internal sealed class CountingSeatInventory(ISeatInventory inner, AtTicketMetrics metrics) : ISeatInventory
{
    public Task<MemberHoldings> GetHoldingsAsync(string memberId, int performanceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.GetHoldingsAsync(memberId, performanceId, now, cancellationToken);

    public async Task<HoldResult> HoldAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken) =>
        Count(await inner.HoldAsync(hold, now, cancellationToken));

    public async Task<HoldResult> HoldBestAvailableAsync(HoldDraft draft, int gradeId, int quantity, bool includeAccessible, DateTimeOffset now, CancellationToken cancellationToken) =>
        Count(await inner.HoldBestAvailableAsync(draft, gradeId, quantity, includeAccessible, now, cancellationToken));

    public Task<SeatHold?> FindHoldAsync(Guid holdId, string memberId, CancellationToken cancellationToken) => inner.FindHoldAsync(holdId, memberId, cancellationToken);

    public Task<ReleasedHold?> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken) => inner.ReleaseAsync(holdId, memberId, cancellationToken);

    public Task<IReadOnlyList<ReleasedSeats>> ReleaseExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.ReleaseExpiredAsync(now, cancellationToken);

    private HoldResult Count(HoldResult result)
    {
        metrics.Hold(result.Outcome);
        return result;
    }
}
