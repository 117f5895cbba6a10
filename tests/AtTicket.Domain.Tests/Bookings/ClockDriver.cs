using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Bookings;

internal static class ClockDriver
{
    /// <summary>
    /// Waits for <paramref name="work"/>, moving the fake clock on a step at a time while it runs, so
    /// that waits on the clock (the refund issuer's pauses between attempts) come to an end.
    /// </summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider clock, Func<Task<T>> work, TimeSpan? step = null)
    {
        var task = work();
        while (!task.IsCompleted)
        {
            clock.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        return await task;
    }
}
