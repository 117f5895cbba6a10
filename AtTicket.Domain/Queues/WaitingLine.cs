namespace AtTicket.Domain.Queues;

/// <summary>
/// An admin's decision that a performance's on-sale runs behind a waiting room, with its rules. While it exists,
/// only members the line admitted may hold seats or book.
/// </summary>
public class WaitingLine
{
    private WaitingLine()
    {
    }

    public WaitingLine(int performanceId, QueueRules rules)
    {
        PerformanceId = performanceId;
        Change(rules);
    }

    public int PerformanceId { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    public int? AdmitPerMinute { get; private set; }
    public int? MaxShopping { get; private set; }
    public int ShoppingWindowSeconds { get; private set; }
    public int GraceSeconds { get; private set; }
    public bool Paused { get; private set; }

    public QueueRules Rules => new(OpensAt, AdmitPerMinute, MaxShopping, TimeSpan.FromSeconds(ShoppingWindowSeconds), TimeSpan.FromSeconds(GraceSeconds), Paused);

    /// <summary>New rules take effect at the line's next admission; members keep their places.</summary>
    public void Change(QueueRules rules)
    {
        OpensAt = rules.OpensAt;
        AdmitPerMinute = rules.AdmitPerMinute;
        MaxShopping = rules.MaxShopping;
        ShoppingWindowSeconds = (int)rules.ShoppingWindow.TotalSeconds;
        GraceSeconds = (int)rules.Grace.TotalSeconds;
        Paused = rules.Paused;
    }
}
