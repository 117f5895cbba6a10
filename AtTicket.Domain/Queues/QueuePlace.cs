namespace AtTicket.Domain.Queues;

/// <summary>Where a member stands with a performance's waiting room.</summary>
public enum QueueStanding
{
    /// <summary>Not in the line and not admitted.</summary>
    NotInLine,

    /// <summary>Joined before the opening: the order is drawn at random, so no place is shown yet.</summary>
    BeforeOpening,

    Waiting,

    /// <summary>May shop until <see cref="QueuePlace.AdmittedUntil"/>.</summary>
    Admitted,

    /// <summary>The line's store lost its state (a Redis restart without persistence): the member must join again.</summary>
    LineReset,
}

/// <param name="Ahead">Members in front (Waiting only).</param>
/// <param name="Epoch">Names the line's current life in its store; a new epoch means the line was lost and begun again.</param>
public sealed record QueuePlace(QueueStanding Standing, long Ahead, DateTimeOffset? AdmittedUntil, string Epoch)
{
    /// <summary>The wait at the configured rate; null when only a cap admits (it depends on how fast others buy).</summary>
    public TimeSpan? EstimatedWait(QueueRules rules) =>
        Standing == QueueStanding.Waiting && rules.AdmitPerMinute is { } rate
            ? TimeSpan.FromMilliseconds((Ahead + 1) * AdmissionBudget.Interval(rate))
            : null;
}

/// <summary>A line at a glance, for the admin's live view.</summary>
public sealed record QueueCounts(long Waiting, long Shopping)
{
    /// <summary>How long the line takes to admit everyone waiting now at the configured rate; null when only a cap admits.</summary>
    public TimeSpan? TimeToClear(QueueRules rules) =>
        rules.AdmitPerMinute is { } rate ? TimeSpan.FromMilliseconds(Waiting * AdmissionBudget.Interval(rate)) : null;
}
