using System.Diagnostics;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// AtTicket scaled out as in docker-compose, on this machine: two AtTicket.Web processes (node A and
/// node B, Development, demo data) sharing one fresh MariaDB database and one Redis, and nginx in
/// front of both with the repository's deploy/nginx.conf. The Redis is a private redis-server, so a
/// test may kill and restart it. Started once for the tests of <see cref="TwoNodesCollection"/>,
/// which run alone (they measure latency, and restart Redis); everything is killed and the database
/// dropped at the end, also when starting failed half way.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private const string RedisServerVariable = "ATTICKET_TEST_REDIS_SERVER";
    private const string NginxVariable = "ATTICKET_TEST_NGINX";

    private string? _directory;
    private TestMariaDb? _database;
    private PrivateRedis? _redis;
    private NginxProcess? _nginx;
    private AppProcess? _a;
    private AppProcess? _b;

    /// <summary>Why the nodes could not be started here (a missing service or program), or null.</summary>
    public string? MissingReason { get; private set; }

    public AppProcess A => Started(_a);

    public AppProcess B => Started(_b);

    /// <summary>nginx in front of both nodes, e.g. http://127.0.0.1:41234.</summary>
    public string NginxUrl => Started(_nginx).BaseUrl;

    internal PrivateRedis Redis => Started(_redis);

    /// <summary>The nodes' database, for tests that seed it directly or audit it afterwards.</summary>
    internal string DatabaseConnectionString => Started(_database).ConnectionString;

    internal NginxProcess Nginx => Started(_nginx);

    /// <summary>Skips the test with the reason when the services are missing; fails instead when scripts/test.sh promised them.</summary>
    public void Require() => ServicesRequired.Check(MissingReason);

    /// <summary>The node at <paramref name="upstream"/> ("127.0.0.1:port", as nginx names it).</summary>
    public AppProcess NodeAt(string upstream) =>
        new[] { A, B }.FirstOrDefault(n => new Uri(n.BaseUrl).Authority == upstream)
        ?? throw new InvalidOperationException($"nginx answered from {upstream}, which is neither node ({A.BaseUrl}, {B.BaseUrl}).");

    public string Name(AppProcess node) => ReferenceEquals(node, A) ? "node A" : "node B";

    /// <summary>
    /// After <paramref name="node"/> was down, nginx sends it nothing for its fail_timeout (10 s), so a browser whose
    /// cookie hashes to it lands on the other node (a test that began right after a node's restart saw it). Waits
    /// until nginx serves from the node again, asking with fresh cookies.
    /// </summary>
    public async Task WaitUntilNginxServesAsync(AppProcess node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(NginxUrl) };
        var authority = new Uri(node.BaseUrl).Authority;
        await Within.UntilAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
                request.Headers.Add("Cookie", $"atticket_node={Guid.NewGuid():N}");
                using var response = await http.SendAsync(request);
                return response.Headers.TryGetValues(NginxProcess.UpstreamHeader, out var upstream) && upstream.First() == authority;
            },
            () => $"nginx sent nothing to {Name(node)} within 30 s of its restart",
            TimeSpan.FromSeconds(30));
    }

    /// <summary>What the nodes, nginx and Redis said last, for failure messages.</summary>
    public string Diagnostics() =>
        $"---- node A ({_a?.BaseUrl}) ----\n{_a?.OutputTail(40)}\n" +
        $"---- node B ({_b?.BaseUrl}) ----\n{_b?.OutputTail(40)}\n" +
        $"---- nginx error.log ----\n{_nginx?.ErrorLogTail()}";

    public async ValueTask InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(TestMariaDb.ServerVariable);
        var mariaDbClient = TestMariaDb.FindClient();
        var redisServer = Program(RedisServerVariable, "/usr/bin/redis-server");
        var nginx = Program(NginxVariable, "/usr/sbin/nginx");
        MissingReason =
            string.IsNullOrWhiteSpace(server)
                ? $"MariaDB is not configured: set {TestMariaDb.ServerVariable} (e.g. \"Server=127.0.0.1;Port=33306;User ID=atticket;Password=atticket\"), or run scripts/test.sh, which starts it."
            : mariaDbClient is null ? "The mariadb command-line client is not on PATH (apt-get install mariadb-client; scripts/test.sh installs it with mariadb-server)."
            : !File.Exists(redisServer) ? $"redis-server not found at {redisServer} (set {RedisServerVariable}, or apt-get install redis-server; scripts/test.sh installs it)."
            : !File.Exists(nginx) ? $"nginx not found at {nginx} (set {NginxVariable}, or apt-get install nginx; scripts/test.sh installs it)."
            : null;
        if (MissingReason is not null)
        {
            return;
        }

        try
        {
            await StartAsync(server!, mariaDbClient!, redisServer, nginx);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // nginx first (no new requests), then the nodes, then what they use.
        await Stop(ref _nginx);
        await Task.WhenAll(Stop(ref _a).AsTask(), Stop(ref _b).AsTask());
        await Stop(ref _redis);
        if (Interlocked.Exchange(ref _database, null) is { } database)
        {
            try
            {
                await database.DropAsync();
            }
            catch (InvalidOperationException exception)
            {
                TestContext.Current.SendDiagnosticMessage($"Could not drop {database}: {exception.Message}");
            }
        }

        if (Interlocked.Exchange(ref _directory, null) is { } directory && Directory.Exists(directory))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // nginx's workers may still be closing files; the folder is in the temp directory.
            }
        }
    }

    private async Task StartAsync(string server, string mariaDbClient, string redisServer, string nginx)
    {
        var clock = Stopwatch.StartNew();
        _directory = Path.Combine(Path.GetTempPath(), $"atticket-nodes-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);

        _database = await TestMariaDb.CreateAsync(mariaDbClient, server);
        _redis = new PrivateRedis(redisServer, Path.Combine(_directory, "redis"));
        await _redis.StartAsync();

        // Both at once: the start-up lock must let exactly one of them migrate and seed.
        _a = new AppProcess(NodeOptions("node A"));
        _b = new AppProcess(NodeOptions("node B"));
        await Task.WhenAll(_a.InitializeAsync().AsTask(), _b.InitializeAsync().AsTask());

        _nginx = new NginxProcess(nginx, Path.Combine(_directory, "nginx"));
        await _nginx.StartAsync([_a.BaseUrl, _b.BaseUrl]);

        TestContext.Current.SendDiagnosticMessage(
            $"Two nodes up in {clock.Elapsed.TotalSeconds:0.0} s: A {_a.BaseUrl}, B {_b.BaseUrl}, nginx {_nginx.BaseUrl}, {_redis}, {_database}");
    }

    private AppProcessOptions NodeOptions(string name) => new()
    {
        Name = name,
        DatabaseProvider = "MySql",
        DatabaseConnectionString = _database!.ConnectionString,
        DatabaseServerVersion = TestMariaDb.ServerVersion,
        RedisConnectionString = _redis!.ConnectionString,
        // Migrating MariaDB, or waiting for the other node's start-up lock, on a busy machine.
        ReadyTimeout = TimeSpan.FromMinutes(3),
    };

    private static string Program(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? path : fallback;

    private T Started<T>(T? part)
        where T : class
    {
        Require();
        return part ?? throw new InvalidOperationException("The two nodes are not running (their start failed; see the fixture's error).");
    }

    private static ValueTask Stop<T>(ref T? part)
        where T : class, IAsyncDisposable =>
        Interlocked.Exchange(ref part, null) is { } running ? running.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>
/// The tests on <see cref="TwoNodes"/>: they share it, and run after the parallel tests, one at a
/// time, so that no other test's load skews the latency figures and a Redis restart hits no one else.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoNodesCollection : ICollectionFixture<TwoNodes>
{
    public const string Name = "Two nodes behind nginx";
}
