using AtTicket.Domain.Common;

namespace AtTicket.Domain.Bookings;

/// <summary>Holding and releasing seats under the per-member limits. The inventory arbitrates the seats themselves.</summary>
public sealed class HoldService(ISeatInventory inventory, BookingLimits limits, TimeProvider time)
{
    public async Task<HoldResult> HoldSeatsAsync(string memberId, int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default)
    {
        Guard.That(seatIds.Count > 0, "Choose at least one seat.");
        Guard.That(seatIds.Distinct().Count() == seatIds.Count, "The same seat is listed twice.");
        var draft = await NewDraftAsync(memberId, performanceId, seatIds.Count, cancellationToken);
        return await inventory.HoldAsync(draft.WithSeats(seatIds), draft.CreatedAt, cancellationToken);
    }

    public async Task<HoldResult> HoldBestAvailableAsync(string memberId, int performanceId, int gradeId, int quantity, CancellationToken cancellationToken = default)
    {
        Guard.That(quantity > 0, "Choose at least one seat.");

        // The seats are chosen inside the inventory's transaction, never from an earlier read.
        var draft = await NewDraftAsync(memberId, performanceId, quantity, cancellationToken);
        return await inventory.HoldBestAvailableAsync(draft, gradeId, quantity, draft.CreatedAt, cancellationToken);
    }

    public Task<bool> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken = default) =>
        inventory.ReleaseAsync(holdId, memberId, cancellationToken);

    public Task<SeatHold?> FindAsync(Guid holdId, string memberId, CancellationToken cancellationToken = default) =>
        inventory.FindHoldAsync(holdId, memberId, cancellationToken);

    private async Task<HoldDraft> NewDraftAsync(string memberId, int performanceId, int seatCount, CancellationToken cancellationToken)
    {
        Guard.That(!string.IsNullOrWhiteSpace(memberId), "Log in to hold seats.");
        var now = time.GetUtcNow();
        var holdings = await inventory.GetHoldingsAsync(memberId, performanceId, now, cancellationToken);
        limits.EnsureAllowed(seatCount, holdings.SeatsForPerformance, holdings.ActiveHolds);
        return new HoldDraft(Guid.NewGuid(), memberId, performanceId, now, now + limits.HoldDuration);
    }
}
