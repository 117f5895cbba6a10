namespace AtTicket.Infrastructure.Messaging;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often an idle dispatcher looks for new rows.</summary>
    public int PollMilliseconds { get; set; } = 250;

    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed row stays with its dispatcher before another may take it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>The longest pause between attempts while the bus is down (the pause doubles from one second).</summary>
    public int MaxBackoffSeconds { get; set; } = 30;
}
