namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// Which lane of a consumer handles a message: chosen by the aggregate id (the Kafka key), so one
/// aggregate's messages always meet in the same lane and stay in order, while others run beside them.
/// </summary>
public static class MessageLanes
{
    public static int Of(string? aggregateId, int lanes) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(aggregateId ?? string.Empty) % (uint)lanes);
}
