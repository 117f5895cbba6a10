using System.Diagnostics;
using System.Net;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// nginx in front of the test nodes, configured from the repository's own deploy/nginx.conf with only
/// what a test run needs changed: the two upstream servers become the nodes' loopback ports, the
/// listen port a free one, every path (pid, logs, temp files) goes under a private folder, and each
/// answer names the node that served it in <see cref="UpstreamHeader"/> (the cookie is only a hash
/// key, so it cannot tell which node a browser landed on).
/// </summary>
internal sealed class NginxProcess(string executable, string directory) : IAsyncDisposable
{
    /// <summary>Added for the tests only: the upstream address (127.0.0.1:port) that answered.</summary>
    public const string UpstreamHeader = "X-AtTicket-Upstream";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private ChildProcess? _process;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ErrorLogTail()
    {
        var log = Path.Combine(directory, "error.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no error.log)";
    }

    /// <summary>The access log so far, one request a line.</summary>
    public IReadOnlyList<string> AccessLogLines()
    {
        var log = Path.Combine(directory, "access.log");
        return File.Exists(log) ? [.. File.ReadLines(log)] : [];
    }

    public async Task StartAsync(IReadOnlyList<string> nodeBaseUrls)
    {
        Directory.CreateDirectory(directory);
        var port = AppProcess.FreePort();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Configure(await File.ReadAllTextAsync(DeployedConfig()), nodeBaseUrls, port, directory));
        BaseUrl = $"http://127.0.0.1:{port}";

        // -e: nginx opens its error log before reading the configuration; the default one may not be writable.
        _process = ChildProcess.Start(
            executable,
            ["-p", directory + "/", "-c", config, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;"],
            directory);
        await WaitUntilReadyAsync(_process);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            await process.DisposeAsync();
        }
    }

    public override string ToString() => $"nginx at {BaseUrl} ({Path.Combine(directory, "nginx.conf")})";

    public static string DeployedConfig() => Path.Combine(AppProcess.RepoRoot(), "deploy", "nginx.conf");

    /// <summary>deploy/nginx.conf with the test run's addresses and paths; fails loudly when a line it changes is gone.</summary>
    internal static string Configure(string deployed, IReadOnlyList<string> nodeBaseUrls, int listenPort, string directory)
    {
        if (nodeBaseUrls.Count != 2)
        {
            throw new ArgumentException("deploy/nginx.conf names two nodes.", nameof(nodeBaseUrls));
        }

        var config = deployed;
        config = Replace(config, "server web1:8080", "server " + new Uri(nodeBaseUrls[0]).Authority);
        config = Replace(config, "server web2:8080", "server " + new Uri(nodeBaseUrls[1]).Authority);
        config = Replace(config, "listen 80;", $"listen 127.0.0.1:{listenPort};");
        config = Replace(config, "http {", $$"""
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
            """);
        config = Replace(config, "proxy_pass http://atticket;", $"proxy_pass http://atticket;\n            add_header {UpstreamHeader} $upstream_addr always;");
        return $"pid {directory}/nginx.pid;\nerror_log {directory}/error.log;\n\n" + config;
    }

    private static string Replace(string config, string expected, string replacement)
    {
        var at = config.IndexOf(expected, StringComparison.Ordinal);
        if (at < 0 || config.IndexOf(expected, at + expected.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException(
                $"deploy/nginx.conf changed: the node tests expect exactly one \"{expected}\" in it to replace for the test run.");
        }

        return string.Concat(config.AsSpan(0, at), replacement, config.AsSpan(at + expected.Length));
    }

    private async Task WaitUntilReadyAsync(ChildProcess process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                last = "nginx exited";
                break;
            }

            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException)
            {
                last = "the request timed out";
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException(
            $"nginx did not pass /health/ready through at {BaseUrl} within {StartTimeout.TotalSeconds:0} s (last: {last}).\n" +
            $"command: {process.Command}\n---- output ----\n{process.OutputTail()}\n---- error.log ----\n{ErrorLogTail()}");
    }
}
