using System.Diagnostics;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// A mariadbd of a fault test's own (free loopback port, its own data directory, the atticket account and
/// database), so the test can kill it and start it again on the same data without disturbing any other test.
/// Started as scripts/services.sh starts the shared one.
/// </summary>
internal sealed class PrivateMariaDb(string directory) : IAsyncDisposable
{
    public const string DatabaseName = "atticket";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private ChildProcess? _process;

    public int Port { get; private set; }

    private string Config => Path.Combine(directory, "my.cnf");

    /// <summary>The nodes' connection string: the atticket account on this server's atticket database.</summary>
    public string ConnectionString => $"Server=127.0.0.1;Port={Port};User ID=atticket;Password=atticket;Database={DatabaseName}";

    /// <summary>The server programs are installed (mariadb-server and its client).</summary>
    public static string? MissingReason() =>
        !File.Exists("/usr/sbin/mariadbd") ? "mariadbd not found at /usr/sbin/mariadbd (apt-get install mariadb-server; scripts/test.sh installs it)."
        : TestMariaDb.FindClient() is null ? "The mariadb command-line client is not on PATH (apt-get install mariadb-client)."
        : null;

    /// <summary>Makes a fresh data directory, starts the server and creates the account and the database.</summary>
    public async Task StartAsync()
    {
        Port = AppProcess.FreePort();
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        await File.WriteAllTextAsync(Config, $"""
            [client]
            port={Port}
            socket={directory}/mariadb.sock

            [mysqld]
            user={Environment.UserName}
            datadir={directory}/data
            tmpdir={directory}/tmp
            socket={directory}/mariadb.sock
            pid-file={directory}/mariadb.pid
            log-error={directory}/error.log
            port={Port}
            bind-address=127.0.0.1
            skip-name-resolve
            character-set-server=utf8mb4
            collation-server=utf8mb4_unicode_ci
            innodb_buffer_pool_size=64M
            innodb_flush_log_at_trx_commit=2
            """);
        await RunAsync("mariadb-install-db", $"--defaults-file={Config}", "--skip-test-db", "--auth-root-authentication-method=socket");
        await StartServerAsync();
        await RunAsync(TestMariaDb.FindClient()!, $"--defaults-file={Config}", "-u", Environment.UserName, "-e",
            $"""
            CREATE USER 'atticket'@'%' IDENTIFIED BY 'atticket';
            GRANT ALL PRIVILEGES ON *.* TO 'atticket'@'%';
            CREATE DATABASE {DatabaseName} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
            """);
    }

    /// <summary>Kills the server as a crash would (SIGKILL): InnoDB recovers what was committed when it starts again.</summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts the server again on the same data and port.</summary>
    public Task RestartAsync() => StartServerAsync();

    /// <summary>Starts the server again if a test left it stopped, so the next test finds it running.</summary>
    public Task EnsureRunningAsync() => _process is null ? StartServerAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync() => await KillAsync();

    public override string ToString() => $"private mariadbd at 127.0.0.1:{Port} ({directory})";

    private async Task StartServerAsync()
    {
        var process = ChildProcess.Start("/usr/sbin/mariadbd", [$"--defaults-file={Config}"], directory);
        _process = process;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout && !process.HasExited)
        {
            if (await TryRunAsync("mariadb-admin", $"--defaults-file={Config}", "-u", Environment.UserName, "ping") is null)
            {
                return;
            }

            await Task.Delay(200);
        }

        var log = Path.Combine(directory, "error.log");
        var tail = File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log)).TakeLast(20)) : process.OutputTail();
        await KillAsync();
        throw new InvalidOperationException($"{this} did not answer a ping within {StartTimeout.TotalSeconds:0} s.\n---- error.log ----\n{tail}");
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        if (await TryRunAsync(program, arguments) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    /// <returns>null on success, otherwise what the program said.</returns>
    private static async Task<string?> TryRunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0 ? null : $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}";
    }
}
