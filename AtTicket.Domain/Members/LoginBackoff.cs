namespace AtTicket.Domain.Members;

/// <summary>
/// How long a client waits after failed logins: the first <see cref="FreeFailures"/> cost nothing, then each
/// further failure doubles the wait (1 s, 2 s, 4 s, ...) up to <see cref="MaxWait"/>. Nothing is ever locked:
/// once the wait has passed, the next attempt is checked as usual.
/// </summary>
public sealed record LoginBackoff(int FreeFailures, TimeSpan MaxWait)
{
    /// <summary>The wait after <paramref name="failures"/> failures, counted from the last one.</summary>
    public TimeSpan WaitAfter(int failures)
    {
        var beyond = failures - FreeFailures;
        if (beyond <= 0)
        {
            return TimeSpan.Zero;
        }

        // 2^(beyond-1) seconds; past 2^20 s the cap applies anyway, so the shift never overflows.
        var seconds = Math.Pow(2, Math.Min(beyond - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxWait.TotalSeconds));
    }

    /// <summary>What is left of the wait at <paramref name="now"/>, or zero when the client may try again.</summary>
    public TimeSpan Remaining(int failures, DateTimeOffset lastFailureAt, DateTimeOffset now)
    {
        var left = lastFailureAt + WaitAfter(failures) - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
