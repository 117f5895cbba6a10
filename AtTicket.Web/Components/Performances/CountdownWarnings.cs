namespace AtTicket.Web.Components.Performances;

/// <summary>
/// When the hold countdown is worth announcing to a screen reader: once as it passes one minute and
/// once at ten seconds, not every second (a live region read each second drowns everything else).
/// </summary>
public sealed class CountdownWarnings
{
    public static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    private TimeSpan? _lastPassed;

    /// <summary>The mark (<see cref="OneMinute"/> or <see cref="TenSeconds"/>) just passed, or null when none is new.</summary>
    public TimeSpan? Passed(TimeSpan remaining)
    {
        var mark = remaining <= TimeSpan.Zero ? (TimeSpan?)null
            : remaining <= TenSeconds ? TenSeconds
            : remaining <= OneMinute ? OneMinute
            : null;
        if (mark is null || mark == _lastPassed)
        {
            return null;
        }

        _lastPassed = mark;
        return mark;
    }
}
