namespace AtTicket.Domain.Messaging;

/// <summary>An event that must leave the process, stored in the same transaction as the change it reports.</summary>
public class OutboxMessage
{
    /// <remarks>EF reads rows through this constructor too: its parameters are named after the properties they set.</remarks>
    public OutboxMessage(Guid id, string type, string aggregateId, string payload, DateTimeOffset occurredAt)
    {
        Id = id;
        Type = type;
        AggregateId = aggregateId;
        Payload = payload;
        OccurredAt = occurredAt;
    }

    public Guid Id { get; private set; }
    public string Type { get; private set; }
    public string AggregateId { get; private set; }
    public string Payload { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? DispatchedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The dispatcher that holds this row until <see cref="ClaimedUntil"/>; after that any dispatcher may take it.</summary>
    public Guid? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    public bool IsPending => DispatchedAt is null;

    public void MarkDispatched(DateTimeOffset now)
    {
        DispatchedAt = now;
        LastError = null;
    }

    public const int LastErrorMaxLength = 1000;

    /// <summary>An error as the row keeps it: at most <see cref="LastErrorMaxLength"/> characters.</summary>
    public static string Clip(string error) => error.Length > LastErrorMaxLength ? error[..LastErrorMaxLength] : error;

    public void RecordFailure(string error)
    {
        Attempts++;
        LastError = Clip(error);
    }
}
