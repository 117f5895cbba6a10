using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AtTicket.Tests.Shared;

/// <summary>
/// A server a test runs as a child process of its own (a private Redis, a private SMTP sink), which the test may
/// kill as an outage would and start again on the same port.
/// </summary>
/// <param name="ready">Whether the server answers on its port as it should.</param>
internal sealed class ServerProcess(ProcessStartInfo start, Func<Task<bool>> ready)
{
    private Process? _process;

    /// <summary>A port nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the server (again), its output drained, and waits until it is ready; fails when it exits first.</summary>
    public async Task StartAsync(TimeSpan patience)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        _process = process;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var description = $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
        await Within.UntilAsync(async () => process.HasExited || await ready(), () => $"{description} did not accept connections.", patience);
        Assert.False(process.HasExited, $"{description} exited before it accepted connections.");
    }

    /// <summary>Kills the server as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }
}
