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
    private readonly ServerProcess _server;

    private PrivateRedis(string binary, int port)
    {
        Port = port;
        var start = new ProcessStartInfo(binary);
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = new ServerProcess(start, AcceptsAsync);
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis(FindBinary(), ServerProcess.FreePort());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on the same port and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => _server.StartAsync(Within.Timeout);

    /// <summary>Kills the server as a crash would, and waits until it is gone.</summary>
    public Task KillAsync() => _server.KillAsync();

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
