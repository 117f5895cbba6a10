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
/// <param name="Pace">The line's measured admission rate, as its store last counted it; null before any count.</param>
public sealed record QueuePlace(QueueStanding Standing, long Ahead, DateTimeOffset? AdmittedUntil, string Epoch, AdmissionPace? Pace = null)
{
    /// <summary>
    /// The wait at the measured admission rate (the configured one until there is a measurement); null while the
    /// line is paused (the wait does not count down then) and when only an unmeasured cap admits.
    /// </summary>
    public TimeSpan? EstimatedWait(QueueRules rules) =>
        Standing == QueueStanding.Waiting && !rules.Paused && AdmissionPace.RateFor(Pace, rules) is { } perMinute
            ? TimeSpan.FromMinutes((Ahead + 1) / perMinute)
            : null;
}

/// <summary>A line at a glance, for the admin's live view.</summary>
public sealed record QueueCounts(long Waiting, long Shopping, AdmissionPace? Pace = null)
{
    /// <summary>How long the line takes to admit everyone waiting now at the measured (else configured) rate; null when only an unmeasured cap admits.</summary>
    public TimeSpan? TimeToClear(QueueRules rules) =>
        AdmissionPace.RateFor(Pace, rules) is { } perMinute ? TimeSpan.FromMinutes(Waiting / perMinute) : null;
}
