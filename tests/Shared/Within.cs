using System.Diagnostics;

namespace AtTicket.Tests.Shared;

/// <summary>
/// Bounded waits on what another thread, process or node does: it must happen within a generous time, or the
/// test fails saying what. Linked into the Web and Infrastructure tests; the time is a ceiling, never a proof.
/// </summary>
internal static class Within
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    public static Task UntilAsync(Func<bool> condition, Func<string> failure, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), failure, timeout);

    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> failure, TimeSpan? timeout = null) =>
        await ReadUntilAsync(condition, done => done, _ => failure(), timeout);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that.</summary>
    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> failure, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Timeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Not within {limit.TotalSeconds:0} s. {failure(value)}");
            }

            await Task.Delay(Pause, TestContext.Current.CancellationToken);
        }
    }
}
