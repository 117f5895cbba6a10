using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AtTicket.Infrastructure.Tests.Live;

/// <summary>
/// A redis-server of the test's own on a free port, without persistence, that the test may kill and
/// start again on the same port (the shared Redis of the test script is never touched). The binary
/// is ATTICKET_TEST_REDIS_SERVER, or redis-server on the PATH; missing, the test is skipped, or fails
/// when ATTICKET_REQUIRE_SERVICES=1.
/// </summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string _binary;
    private Process? _process;

    private PrivateRedis(string binary, int port)
    {
        _binary = binary;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis(FindBinary(), FreePort());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{_binary} did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync())
        {
            if (_process.HasExited || clock.Elapsed > Within.Timeout)
            {
                Assert.Fail($"{_binary} on port {Port} did not accept connections (exited: {_process.HasExited}).");
            }

            await Task.Delay(20);
        }
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

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return read > 0 && buffer[0] == (byte)'+';
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindBinary()
    {
        var configured = Environment.GetEnvironmentVariable("ATTICKET_TEST_REDIS_SERVER");
        var candidates = new[] { configured }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(folder => Path.Combine(folder, "redis-server")));
        var binary = candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c) && File.Exists(c));
        if (binary is not null)
        {
            return binary;
        }

        const string missing = "No redis-server to start a private Redis with: set ATTICKET_TEST_REDIS_SERVER or put redis-server on the PATH.";
        if (Environment.GetEnvironmentVariable(TestServices.RequireVariable) == "1")
        {
            Assert.Fail(missing);
        }

        Assert.Skip(missing);
        return string.Empty; // not reached: Assert.Skip throws
    }
}
