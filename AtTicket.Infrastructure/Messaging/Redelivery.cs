namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// At least once, for both buses: a handler that throws gets the same message again after a pause that starts at a
/// tenth of a second and doubles up to thirty seconds, until it returns or its consumer stops.
/// </summary>
internal static class Redelivery
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static async Task HandleUntilDoneAsync(
        BusMessage message,
        Func<BusMessage, CancellationToken, Task> handler,
        Action<Exception, TimeSpan> logRedelivery,
        TimeProvider time,
        CancellationToken stopping)
    {
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                await handler(message, stopping);
                return;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                logRedelivery(exception, delay);
                await Task.Delay(delay, time, stopping);
                delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
            }
        }
    }
}
