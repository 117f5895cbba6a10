namespace AtTicket.Domain.Queues;

/// <summary>Whether a member may take seats of a performance now: always, unless its on-sale runs behind a waiting line that has not admitted them.</summary>
public interface IAdmissionGate
{
    Task<bool> MayShopAsync(int performanceId, string memberId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The member has booked: their turn ends, so a line with a cap admits the next member. Nothing to do for a
    /// performance without a line. Never throws: the booking stands, and an admission that cannot be ended now
    /// ends with its shopping window.
    /// </summary>
    Task EndTurnAsync(int performanceId, string memberId);
}
