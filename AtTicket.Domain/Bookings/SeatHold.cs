namespace AtTicket.Domain.Bookings;

/// <summary>Seats a member has set aside for a few minutes while paying.</summary>
public class SeatHold
{
    private SeatHold()
    {
        MemberId = string.Empty;
        SeatIds = [];
    }

    public SeatHold(Guid id, string memberId, int performanceId, IReadOnlyCollection<int> seatIds, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Guard.That(!string.IsNullOrWhiteSpace(memberId), new Refusal(RefusalCode.HoldNeedsMember, "A hold needs a member."));
        Guard.That(seatIds is { Count: > 0 }, new Refusal(RefusalCode.HoldNeedsSeat, "A hold needs at least one seat."));
        Guard.That(seatIds.Distinct().Count() == seatIds.Count, new Refusal(RefusalCode.HoldSeatTwice, "A hold cannot name the same seat twice."));
        Guard.That(expiresAt > createdAt, new Refusal(RefusalCode.HoldExpiresBeforeMade, "A hold must expire after it was made."));
        Id = id;
        MemberId = memberId;
        PerformanceId = performanceId;
        SeatIds = [.. seatIds.Order()];
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public string MemberId { get; private set; }
    public int PerformanceId { get; private set; }
    public List<int> SeatIds { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public HoldStatus Status { get; private set; } = HoldStatus.Active;

    public bool IsLive(DateTimeOffset now) => Status == HoldStatus.Active && now <= ExpiresAt;

    public void Release()
    {
        Guard.That(Status == HoldStatus.Active, new Refusal(RefusalCode.HoldNotActiveToRelease, "Only an active hold can be released."));
        Status = HoldStatus.Released;
    }

    public void Expire(DateTimeOffset now)
    {
        Guard.That(Status == HoldStatus.Active, new Refusal(RefusalCode.HoldNotActiveToExpire, "Only an active hold can expire."));
        Guard.That(now > ExpiresAt, new Refusal(RefusalCode.HoldNotExpiredYet, "The hold has not expired yet."));
        Status = HoldStatus.Expired;
    }

    public void Convert(DateTimeOffset now)
    {
        Guard.That(IsLive(now), new Refusal(RefusalCode.HoldNotLive, "The hold has expired or is no longer active."));
        Status = HoldStatus.Converted;
    }
}
