namespace AtTicket.Domain.Queues;

/// <summary>
/// The lines in front of on-sales, shared by every node (Redis when configured, this process otherwise). Every
/// call is one atomic step of the store, so any node may advance a line at any time without admitting twice.
/// </summary>
public interface IWaitingRoom
{
    /// <summary>
    /// Puts the member in line once (a second tab or device gets the same place) and answers their place. Before
    /// the opening the member gets a random draw; after it, the end of the line.
    /// </summary>
    Task<QueuePlace> JoinAsync(int performanceId, string memberId, QueueRules rules, CancellationToken cancellationToken = default);

    /// <summary>
    /// The member's place; also tells the line they are still there. <paramref name="knownEpoch"/> (from an earlier
    /// answer) turns a lost line into <see cref="QueueStanding.LineReset"/> instead of a silent "not in line".
    /// </summary>
    Task<QueuePlace> PlaceAsync(int performanceId, string memberId, QueueRules rules, string? knownEpoch, CancellationToken cancellationToken = default);

    Task LeaveAsync(int performanceId, string memberId, CancellationToken cancellationToken = default);

    /// <summary>Admits the members whose turn has come under <paramref name="rules"/>; answers how many.</summary>
    Task<int> AdmitAsync(int performanceId, QueueRules rules, CancellationToken cancellationToken = default);

    Task<bool> IsAdmittedAsync(int performanceId, string memberId, CancellationToken cancellationToken = default);

    /// <summary>Ends the member's admission (they booked, or gave up), which frees a place under the cap.</summary>
    Task FinishAsync(int performanceId, string memberId, CancellationToken cancellationToken = default);

    Task<QueueCounts> CountAsync(int performanceId, CancellationToken cancellationToken = default);
}
