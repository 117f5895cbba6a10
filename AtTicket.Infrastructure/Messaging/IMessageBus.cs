namespace AtTicket.Infrastructure.Messaging;

/// <summary>One outbox row on its way out: what the bus carries and the consumers read.</summary>
public sealed record BusMessage(Guid Id, string Type, string AggregateId, string Payload, DateTimeOffset OccurredAt);

/// <summary>
/// Where the dispatcher publishes: Kafka when configured, in process otherwise. A publish that
/// returns has been accepted by the bus (for Kafka: acknowledged by all in-sync replicas); one that
/// throws leaves the row pending for the next attempt.
/// </summary>
public interface IMessageBus
{
    Task PublishAsync(BusMessage message, CancellationToken cancellationToken);
}
