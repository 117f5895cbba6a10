using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// A redis-server of the node tests' own (free loopback port, nothing saved to disk), so one of
/// them can kill it and start it again without disturbing any other test project.
/// </summary>
internal sealed class PrivateRedis(string executable, string directory) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private ChildProcess? _process;

    public int Port { get; private set; }

    /// <summary>StackExchange.Redis configuration for the nodes.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <param name="samePort">Start again where it listened before (after <see cref="StopAsync"/>), so clients find it.</param>
    public async Task StartAsync(bool samePort = false)
    {
        if (!samePort)
        {
            Port = AppProcess.FreePort();
        }

        await StartOnPortAsync();
    }

    /// <summary>Starts the server again (empty) if a test left it stopped, so the next test finds it running.</summary>
    public Task EnsureRunningAsync() => _process is null ? StartOnPortAsync() : Task.CompletedTask;

    /// <summary>Kills the server (as a crash would: SIGKILL) and starts an empty one on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartOnPortAsync();
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            await process.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public override string ToString() => $"private redis-server at {ConnectionString}";

    private async Task StartOnPortAsync()
    {
        Directory.CreateDirectory(directory);
        var process = ChildProcess.Start(
            executable,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--daemonize", "no", "--save", "", "--appendonly", "no", "--dir", directory],
            directory);
        _process = process;

        var clock = Stopwatch.StartNew();
        string last = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                if (await PingAsync())
                {
                    return;
                }

                last = "no PONG";
            }
            catch (Exception exception) when (exception is SocketException or IOException)
            {
                last = exception.Message;
            }

            await Task.Delay(100);
        }

        var output = process.OutputTail();
        await StopAsync();
        throw new InvalidOperationException(
            $"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds:0} s (last: {last}).\n" +
            $"command: {process.Command}\n---- output ----\n{output}");
    }

    private async Task<bool> PingAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
