namespace AtTicket.Domain.Bookings;

/// <summary>When <see cref="BookingReconciler"/> runs and when it takes a pending checkout as abandoned; configured under "Reconciler".</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Reconciler";

    /// <summary>Seconds between two rounds on each node.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Seconds past the hold time that a pending checkout is left alone, for clocks that disagree and
    /// checkouts still finishing; after that the reconciler settles it.
    /// </summary>
    public int GraceSeconds { get; set; } = 120;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public TimeSpan Grace => TimeSpan.FromSeconds(GraceSeconds);
}
