using System.Diagnostics;

namespace AtTicket.Tests.Shared;

internal static class ProcessTree
{
    /// <summary>
    /// Kills the process and its children at once (SIGKILL, no clean shutdown) if it still runs, and waits
    /// for it to go. Never throws: a fixture's clean-up must go on even if the process would not die in time.
    /// </summary>
    public static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it would not die in time; nothing more to do here.
        }
    }
}
