using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Bookings;

/// <summary>
/// A fake clock that notices every wait started on it (the refund issuer's pauses between attempts), so
/// <see cref="RunAsync{T}"/> can move time on to the end of each wait the moment the work starts it: no real
/// time passes, and work that never waits on the clock sees it stand still.
/// </summary>
internal sealed class DrivenClock() : FakeTimeProvider(TestClock.Start)
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits for <paramref name="work"/>, ending each wait on the clock it starts until it is done.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        while (_waits.Reader.TryRead(out _))
        {
            // Waits started before this work (and already ended by hand) are not this work's.
        }

        var task = work();
        while (true)
        {
            // WaitToReadAsync takes nothing from the channel, so abandoning it when the work ends loses no wait.
            await Task.WhenAny(task, _waits.Reader.WaitToReadAsync(TestContext.Current.CancellationToken).AsTask());
            if (task.IsCompleted)
            {
                return await task;
            }

            while (_waits.Reader.TryRead(out var due))
            {
                Advance(due);
            }
        }
    }
}
