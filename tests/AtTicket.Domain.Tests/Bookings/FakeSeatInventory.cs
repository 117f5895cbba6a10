using AtTicket.Domain.Bookings;

namespace AtTicket.Domain.Tests.Bookings;

/// <summary>
/// The seat inventory port kept in memory, with the rules the database applies: a seat can be taken
/// when nobody has it or its hold has expired; a hold takes all its seats or none. Records what
/// <see cref="HoldService"/> asked, so tests can see the clock and the draft it passed on. Like the
/// real inventory, it applies the per-member limits inside the hold itself.
/// </summary>
internal sealed class FakeSeatInventory(BookingLimits limits) : ISeatInventory
{
    private readonly List<SeatHold> _holds = [];
    private readonly Dictionary<(int PerformanceId, int SeatId), SeatHold> _heldBy = [];
    private readonly Dictionary<(int PerformanceId, int SeatId), string> _soldTo = [];

    /// <summary>The free seats best-available chooses from (all in one grade).</summary>
    public List<CandidateSeat> Seats { get; } = [];

    public List<DateTimeOffset> HoldingsAskedAt { get; } = [];
    public List<DateTimeOffset> HoldsAskedAt { get; } = [];
    public List<(HoldDraft Draft, int GradeId, int Quantity)> BestAvailableAsked { get; } = [];
    public IReadOnlyList<SeatHold> Holds => _holds;

    /// <summary>Seats the member has already bought for a performance.</summary>
    public void Sell(string memberId, int performanceId, params int[] seatIds)
    {
        foreach (var seatId in seatIds)
        {
            _soldTo[(performanceId, seatId)] = memberId;
        }
    }

    public Task<MemberHoldings> GetHoldingsAsync(string memberId, int performanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        HoldingsAskedAt.Add(now);
        var live = _holds.Where(h => h.MemberId == memberId && h.IsLive(now)).ToList();
        var held = live.Where(h => h.PerformanceId == performanceId).Sum(h => h.SeatIds.Count);
        var bought = _soldTo.Count(s => s.Key.PerformanceId == performanceId && s.Value == memberId);
        return Task.FromResult(new MemberHoldings(held + bought, live.Count));
    }

    public async Task<HoldResult> HoldAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        HoldsAskedAt.Add(now);
        var holdings = await GetHoldingsAsync(hold.MemberId, hold.PerformanceId, now, cancellationToken);
        limits.EnsureAllowed(hold.SeatIds.Count, holdings.SeatsForPerformance, holdings.ActiveHolds);
        var taken = hold.SeatIds.Where(seatId => !IsFree(hold.PerformanceId, seatId, now)).ToList();
        if (taken.Count > 0)
        {
            return HoldResult.Taken(taken);
        }

        foreach (var seatId in hold.SeatIds)
        {
            _heldBy[(hold.PerformanceId, seatId)] = hold;
        }

        _holds.Add(hold);
        return HoldResult.Held(hold);
    }

    public Task<HoldResult> HoldBestAvailableAsync(HoldDraft draft, int gradeId, int quantity, bool includeAccessible, DateTimeOffset now, CancellationToken cancellationToken)
    {
        BestAvailableAsked.Add((draft, gradeId, quantity));
        var holdings = GetHoldingsAsync(draft.MemberId, draft.PerformanceId, now, cancellationToken).Result;
        limits.EnsureAllowed(quantity, holdings.SeatsForPerformance, holdings.ActiveHolds);
        var chosen = SeatPicker.Choose([.. Seats.Where(s => IsFree(draft.PerformanceId, s.SeatId, now))], quantity, includeAccessible);
        return chosen.Count == 0
            ? Task.FromResult(HoldResult.Taken([]))
            : HoldAsync(draft.WithSeats(chosen), now, cancellationToken);
    }

    public Task<SeatHold?> FindHoldAsync(Guid holdId, string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(_holds.SingleOrDefault(h => h.Id == holdId && h.MemberId == memberId));

    public Task<ReleasedHold?> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken)
    {
        var hold = _holds.SingleOrDefault(h => h.Id == holdId && h.MemberId == memberId && h.Status == HoldStatus.Active);
        if (hold is null)
        {
            return Task.FromResult<ReleasedHold?>(null);
        }

        Free(hold);
        hold.Release();
        return Task.FromResult<ReleasedHold?>(new ReleasedHold(hold.PerformanceId, hold.SeatIds, []));
    }

    public Task<IReadOnlyList<ReleasedSeats>> ReleaseExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var released = new List<ReleasedSeats>();
        foreach (var hold in _holds.Where(h => h.Status == HoldStatus.Active && h.ExpiresAt < now))
        {
            released.Add(new ReleasedSeats(hold.PerformanceId, Free(hold)));
            hold.Expire(now);
        }

        return Task.FromResult<IReadOnlyList<ReleasedSeats>>(released);
    }

    private bool IsFree(int performanceId, int seatId, DateTimeOffset now) =>
        !_soldTo.ContainsKey((performanceId, seatId))
        && (!_heldBy.TryGetValue((performanceId, seatId), out var holder) || !holder.IsLive(now));

    private List<int> Free(SeatHold hold)
    {
        var freed = hold.SeatIds.Where(seatId => _heldBy.GetValueOrDefault((hold.PerformanceId, seatId)) == hold).ToList();
        foreach (var seatId in freed)
        {
            _heldBy.Remove((hold.PerformanceId, seatId));
        }

        return freed;
    }
}
