namespace AtTicket.Domain.Queues;

/// <summary>
/// How fast a line has really been admitting: the admissions its store counted over the last <see cref="Window"/>
/// (or since it began counting at the opening, if that is shorter). Every node reads the same figure from the store.
/// </summary>
/// <param name="Admitted">Admissions counted over <paramref name="Observed"/>, at most the last <see cref="Window"/>.</param>
public sealed record AdmissionPace(long Admitted, TimeSpan Observed)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>A few ticks of admissions say little about the rate; below this the configured rate stands.</summary>
    public static readonly TimeSpan MinObserved = TimeSpan.FromSeconds(10);

    /// <summary>Members a minute, or null while there is no measurement yet (too short, or nobody admitted lately).</summary>
    public double? PerMinute =>
        Observed >= MinObserved && Admitted > 0 ? Admitted / (Observed < Window ? Observed : Window).TotalMinutes : null;

    /// <summary>The rate a wait is estimated from: the measured one, else the configured one; null for a cap alone, unmeasured.</summary>
    public static double? RateFor(AdmissionPace? pace, QueueRules rules) => pace?.PerMinute ?? rules.AdmitPerMinute;
}
