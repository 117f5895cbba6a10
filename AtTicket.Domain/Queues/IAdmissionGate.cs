namespace AtTicket.Domain.Queues;

/// <summary>Whether a member may take seats of a performance now: always, unless its on-sale runs behind a waiting line that has not admitted them.</summary>
public interface IAdmissionGate
{
    Task<bool> MayShopAsync(int performanceId, string memberId, CancellationToken cancellationToken = default);
}
