namespace AtTicket.Domain.Queues;

/// <summary>
/// How many members the line may admit now. The rate is a clock that moves one interval (a minute ÷ the rate)
/// per admission: the budget is the whole intervals between that clock and now, reaching back at most
/// <see cref="QueueRules.MaxCatchUp"/>. The cap leaves room only for members not already shopping. The Redis
/// store runs the same arithmetic inside its admit script; the tests shared by both stores keep them equal.
/// </summary>
public static class AdmissionBudget
{
    /// <param name="clock">Where the rate's clock stands; null before the line's first admission.</param>
    public static (int Budget, DateTimeOffset Start) At(QueueRules rules, DateTimeOffset? clock, DateTimeOffset now, int shoppingNow)
    {
        if (rules.Paused || now < rules.OpensAt)
        {
            return (0, now); // a pause or the wait for the opening saves up nothing
        }

        var start = Max(clock ?? rules.OpensAt, rules.OpensAt, now - QueueRules.MaxCatchUp);
        var budget = rules.AdmitPerMinute is { } rate
            ? (int)Math.Min(int.MaxValue, Math.Floor((now - start).TotalMilliseconds / Interval(rate)))
            : int.MaxValue;
        if (rules.MaxShopping is { } cap)
        {
            budget = Math.Min(budget, Math.Max(0, cap - shoppingNow));
        }

        return (budget, start);
    }

    /// <summary>The rate's clock after <paramref name="admitted"/> admissions counted from <paramref name="start"/>.</summary>
    public static DateTimeOffset Advance(QueueRules rules, DateTimeOffset start, int admitted, bool lineEmpty, DateTimeOffset now) =>
        rules.AdmitPerMinute is not { } rate || lineEmpty
            ? now // an empty line saves up no admissions for later arrivals
            : start + TimeSpan.FromMilliseconds(Math.Ceiling(admitted * Interval(rate)));

    public static double Interval(int ratePerMinute) => 60_000.0 / ratePerMinute;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) =>
        new(Math.Max(Math.Max(a.UtcTicks, b.UtcTicks), c.UtcTicks), TimeSpan.Zero);
}
