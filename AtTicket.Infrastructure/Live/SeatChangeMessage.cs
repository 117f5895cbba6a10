namespace AtTicket.Infrastructure.Live;

/// <summary>
/// What travels between nodes: facts about some seats of one performance, numbered 1, 2, 3, … per
/// performance within an <paramref name="Epoch"/>. A new epoch (Redis lost its counters, or another
/// process without Redis) starts numbering again. <paramref name="Reload"/> says the performance's
/// seating changed beyond sale states (grades repainted, seats added or removed): read it again.
/// </summary>
public sealed record SeatChangeMessage(
    int PerformanceId,
    string Epoch,
    long Sequence,
    IReadOnlyList<SeatFact> Seats,
    bool Reload,
    DateTimeOffset PublishedAt);

/// <summary>Where a performance's numbering stands: the epoch (null before any change) and the last number.</summary>
public sealed record LiveSequence(string? Epoch, long Sequence)
{
    public static readonly LiveSequence Unknown = new(null, 0);
}
