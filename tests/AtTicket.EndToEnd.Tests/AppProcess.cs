using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// The real AtTicket.Web as a separate process: the build the tests were made in (Release under
/// scripts/test.sh, Debug by hand), Development environment (demo data and accounts), a free
/// loopback port. As the assembly's fixture (the parameterless constructor) it runs on a fresh
/// SQLite file and its embedded defaults; <see cref="AppProcessOptions"/> points a node at a
/// server database and Redis instead. Ready once /health/ready answers 200; killed with its
/// process tree at the end, and a SQLite file it made is deleted.
/// </summary>
public sealed class AppProcess : IAsyncLifetime
{
    private const int MaxPortAttempts = 3;

    private readonly AppProcessOptions _options;
    private readonly List<string> _output = [];
    private readonly Lock _outputLock = new();
    private Process? _process;
    private string? _runName;
    private string? _databaseFile;

    /// <summary>The assembly's app: SQLite, no Redis, nothing configured from outside.</summary>
    public AppProcess()
        : this(AppProcessOptions.Default)
    {
    }

    internal AppProcess(AppProcessOptions options) => _options = options;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The command that started the app, for failure messages.</summary>
    public string Command { get; private set; } = string.Empty;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of the app's output.</summary>
    public string OutputTail(int lines = 60)
    {
        lock (_outputLock)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    public async ValueTask InitializeAsync()
    {
        var root = RepoRoot();
        var webDir = Path.Combine(root, "AtTicket.Web");
        var configuration = BuildConfiguration();

        for (var attempt = 1; ; attempt++)
        {
            _runName = $"atticket-e2e-{Guid.NewGuid():N}";
            _databaseFile = _options.DatabaseConnectionString is null ? Path.Combine(Path.GetTempPath(), _runName + ".db") : null;
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
            Start(webDir, configuration, port);

            var failure = await WaitUntilReadyAsync();
            if (failure is null)
            {
                return;
            }

            var portTaken = _process!.HasExited && Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
            var dll = WebDll(webDir, configuration);
            var hint = File.Exists(dll) ? string.Empty : $"(no {dll}: build it with `dotnet build AtTicket.Web -c {configuration}`)\n";
            var message =
                $"{_options.Name} did not become ready at {BaseUrl}/health/ready: {failure}\n" + hint +
                $"command: {Command} (working directory {webDir})\n" +
                $"---- app output ----\n{OutputTail(200)}";
            await StopAsync();
            if (!portTaken || attempt == MaxPortAttempts)
            {
                throw new InvalidOperationException(message);
            }

            lock (_outputLock)
            {
                _output.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Sends SIGTERM, as <c>docker stop</c> or systemd would, and waits up to <paramref name="bound"/> for the
    /// process to exit; its exit code, or null when it was still running then.
    /// </summary>
    public async Task<int?> TerminateAsync(TimeSpan bound)
    {
        var process = _process ?? throw new InvalidOperationException($"{_options.Name} is not running.");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            using var wait = new CancellationTokenSource(bound);
            await process.WaitForExitAsync(wait.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or the kernel's OOM killer would: nothing of it runs on, nothing is finished.</summary>
    public Task KillAsync() => StopProcessAsync();

    /// <summary>Starts the app again on the port it had (after <see cref="TerminateAsync"/>, or if it died), so nginx finds it where it was.</summary>
    public async Task RestartAsync()
    {
        await StopProcessAsync();
        Start(Path.Combine(RepoRoot(), "AtTicket.Web"), BuildConfiguration(), new Uri(BaseUrl).Port);
        if (await WaitUntilReadyAsync() is { } failure)
        {
            throw new InvalidOperationException($"{_options.Name} did not come back at {BaseUrl}: {failure}\n---- app output ----\n{OutputTail(100)}");
        }
    }

    private void Start(string webDir, string configuration, int port)
    {
        var dll = WebDll(webDir, configuration);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (File.Exists(dll))
        {
            start.ArgumentList.Add(dll);
        }
        else
        {
            // Not built where expected: let the SDK find the build (and say clearly if there is none).
            // No launch profile, or launchSettings.json would replace the URL and environment below.
            foreach (var arg in new[] { "run", "--project", webDir, "--no-build", "--no-launch-profile", "-c", configuration })
            {
                start.ArgumentList.Add(arg);
            }
        }

        // Nothing inherited may point the app elsewhere (test.sh exports service addresses for
        // other test projects); the app runs on its embedded defaults and the options only.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                || key.Contains("__", StringComparison.Ordinal))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = _options.DatabaseProvider;
        start.Environment["Database__ServerVersion"] = _options.DatabaseServerVersion ?? string.Empty;
        start.Environment["ConnectionStrings__Database"] = _options.DatabaseConnectionString ?? $"Data Source={_databaseFile}";
        start.Environment["ConnectionStrings__Redis"] = _options.RedisConnectionString ?? string.Empty;
        start.Environment["Kafka__BootstrapServers"] = string.Empty;

        // Every browser of the suite comes from 127.0.0.1: the per-address limits would count them as one client.
        foreach (var action in new[] { "Holds", "Bookings", "Registrations", "Logins", "AccountMails", "QueueJoins" })
        {
            start.Environment[$"RateLimits__{action}__PerAddress"] = "100000";
        }

        start.Environment["Mail__PublicBaseUrl"] = $"http://127.0.0.1:{port}"; // links in mails lead back to this process
        start.Environment["Mail__PickupDirectory"] = MailDirectory(_runName!);
        if (Environment.GetEnvironmentVariable("ATTICKET_TEST_SMTP_HOST") is { Length: > 0 } smtpHost
            && Environment.GetEnvironmentVariable("ATTICKET_TEST_SMTP_PORT") is { Length: > 0 } smtpPort)
        {
            // The test script's SMTP sink, where the mail tests read what the app sent.
            start.Environment["Mail__Smtp__Host"] = smtpHost;
            start.Environment["Mail__Smtp__Port"] = smtpPort;
            start.Environment["Mail__Smtp__Security"] = "None";
        }

        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in _options.Environment)
        {
            start.Environment[key] = value;
        }

        Command = "dotnet " + string.Join(' ', start.ArgumentList);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append("[stderr] " + e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start: {Command}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Append(string? line)
    {
        if (line is null or "[stderr] ")
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Add(line);
        }
    }

    /// <returns>null when ready, otherwise why not.</returns>
    private async Task<string?> WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < _options.ReadyTimeout)
        {
            if (_process!.HasExited)
            {
                // Let the output readers drain before reporting.
                await _process.WaitForExitAsync();
                return $"the process exited with code {_process.ExitCode} after {deadline.Elapsed.TotalSeconds:0.0} s";
            }

            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return null;
                }

                last = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException)
            {
                last = "the request timed out";
            }

            await Task.Delay(250);
        }

        return $"not ready after {_options.ReadyTimeout.TotalSeconds:0} s (last answer: {last})";
    }

    private async Task StopAsync()
    {
        await StopProcessAsync();

        if (_databaseFile is { } database)
        {
            _databaseFile = null;
            foreach (var file in new[] { database, database + "-wal", database + "-shm", database + "-journal" })
            {
                TryDelete(() => File.Delete(file));
            }
        }

        if (_runName is { } runName)
        {
            _runName = null;
            var mail = MailDirectory(runName);
            TryDelete(() =>
            {
                if (Directory.Exists(mail))
                {
                    Directory.Delete(mail, recursive: true);
                }
            });
        }
    }

    /// <summary>Kills the process tree at once (SIGKILL) if it still runs, and waits for it to go.</summary>
    private async Task StopProcessAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                await ProcessTree.KillAsync(process);
            }
            finally
            {
                process.Dispose();
            }
        }
    }

    private static string MailDirectory(string runName) => Path.Combine(Path.GetTempPath(), runName + "-mail");

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The folder holding AtTicket.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtTicket.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AtTicket.sln above {AppContext.BaseDirectory}.");
    }

    private static string WebDll(string webDir, string configuration) =>
        Path.Combine(webDir, "bin", configuration, "net10.0", "AtTicket.Web.dll");

    /// <summary>The configuration these tests were built in; the app is expected in the same one.</summary>
    private static string BuildConfiguration() =>
        typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";

    /// <summary>A loopback port nothing listens on right now (another process may still take it before it is used).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override string ToString() => $"{_options.Name} at {BaseUrl} ({Command})";
}

/// <summary>How an <see cref="AppProcess"/> is configured beyond its Development defaults.</summary>
internal sealed record AppProcessOptions
{
    /// <summary>The assembly's app: a fresh SQLite file, no Redis.</summary>
    public static AppProcessOptions Default { get; } = new();

    /// <summary>In failure messages and <see cref="AppProcess.ToString"/>, e.g. "node A".</summary>
    public string Name { get; init; } = "AtTicket.Web";

    /// <summary>Database:Provider, "Sqlite" or "MySql".</summary>
    public string DatabaseProvider { get; init; } = "Sqlite";

    /// <summary>ConnectionStrings:Database; null means a fresh SQLite file, deleted on stop.</summary>
    public string? DatabaseConnectionString { get; init; }

    /// <summary>Database:ServerVersion for MySql (e.g. "10.11.0-mariadb"); null detects it.</summary>
    public string? DatabaseServerVersion { get; init; }

    /// <summary>ConnectionStrings:Redis; null runs every Redis concern in process.</summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>More environment variables, set last (configuration keys with "__").</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// How long the app may take to answer /health/ready (migrating a server database, or waiting for another
    /// node's start-up lock, takes longer). Seeding the demo data took 100 s on a loaded two-core machine.
    /// </summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(180);
}
