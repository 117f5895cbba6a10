using AtTicket.Domain.Queues;

namespace AtTicket.Domain.Bookings;

/// <summary>
/// Holding and releasing seats under the per-member limits and, when the on-sale runs behind a waiting line, only
/// for members it admitted. The inventory arbitrates the seats themselves.
/// </summary>
public sealed class HoldService(ISeatInventory inventory, BookingLimits limits, TimeProvider time, IAdmissionGate? gate = null, ISeatKinds? seatKinds = null)
{
    public async Task<HoldResult> HoldSeatsAsync(string memberId, int performanceId, IReadOnlyCollection<int> seatIds, CancellationToken cancellationToken = default)
    {
        Guard.That(seatIds.Count > 0, new Refusal(RefusalCode.NoSeatChosen, "Choose at least one seat."));
        Guard.That(seatIds.Distinct().Count() == seatIds.Count, new Refusal(RefusalCode.SeatListedTwice, "The same seat is listed twice."));
        var draft = NewDraft(memberId, performanceId, seatIds.Count);
        if (!await MayShopAsync(performanceId, memberId, cancellationToken))
        {
            return HoldResult.NotAdmitted();
        }

        if (seatKinds is not null)
        {
            var kinds = await seatKinds.OfPerformanceAsync(performanceId, cancellationToken);
            if (!CompanionSeatRule.IsKeptBy(seatIds.Select(id => kinds.GetValueOrDefault(id))))
            {
                return HoldResult.CompanionWithoutWheelchair();
            }
        }

        return await inventory.HoldAsync(draft.WithSeats(seatIds), draft.CreatedAt, cancellationToken);
    }

    /// <param name="includeAccessible">Whether wheelchair spaces and companion seats may be chosen: only when the buyer asks.</param>
    public async Task<HoldResult> HoldBestAvailableAsync(string memberId, int performanceId, int gradeId, int quantity, bool includeAccessible = false, CancellationToken cancellationToken = default)
    {
        Guard.That(quantity > 0, new Refusal(RefusalCode.NoSeatChosen, "Choose at least one seat."));

        // The seats are chosen inside the inventory's transaction, never from an earlier read.
        var draft = NewDraft(memberId, performanceId, quantity);
        if (!await MayShopAsync(performanceId, memberId, cancellationToken))
        {
            return HoldResult.NotAdmitted();
        }

        return await inventory.HoldBestAvailableAsync(draft, gradeId, quantity, includeAccessible, draft.CreatedAt, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken = default) =>
        await inventory.ReleaseAsync(holdId, memberId, cancellationToken) is not null;

    public Task<SeatHold?> FindAsync(Guid holdId, string memberId, CancellationToken cancellationToken = default) =>
        inventory.FindHoldAsync(holdId, memberId, cancellationToken);

    private async Task<bool> MayShopAsync(int performanceId, string memberId, CancellationToken cancellationToken) =>
        gate is null || await gate.MayShopAsync(performanceId, memberId, cancellationToken);

    /// <summary>
    /// Only what needs no data is checked here; what the member already holds is counted inside the
    /// inventory's transaction, the one place parallel requests cannot both pass.
    /// </summary>
    private HoldDraft NewDraft(string memberId, int performanceId, int seatCount)
    {
        Guard.That(!string.IsNullOrWhiteSpace(memberId), new Refusal(RefusalCode.LogInToHold, "Log in to hold seats."));
        limits.EnsureAllowed(seatCount, seatsAlreadyOwnedForPerformance: 0, activeHolds: 0);
        var now = time.GetUtcNow();
        return new HoldDraft(Guid.NewGuid(), memberId, performanceId, now, now + limits.HoldDuration);
    }
}
