using AtTicket.EndToEnd.Tests.Nodes;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// Two AtTicket nodes (A and B) on a MariaDB and a Redis of their own, for the test that kills node A in the
/// middle of checkouts: holds last one minute (the least), node B's reconciler runs every second and settles a
/// checkout 5 s past its hold time, and the simulated processor takes 1.5 s per call, so a kill finds checkouts
/// charged but not yet confirmed. Per-member limits are lifted: one member streams checkouts, as many buyers would.
/// </summary>
public sealed class CheckoutNodes : IAsyncLifetime
{
    public const int ReconcileGraceSeconds = 5;
    public const int GatewayLatencyMilliseconds = 1_500;

    private const string RequireVariable = "ATTICKET_REQUIRE_SERVICES";
    private const string RedisServer = "/usr/bin/redis-server";
    private string? _directory;
    private PrivateMariaDb? _database;
    private PrivateRedis? _redis;
    private AppProcess? _a;
    private AppProcess? _b;

    public string? MissingReason { get; private set; }

    public AppProcess A => Started(_a);

    public AppProcess B => Started(_b);

    internal string DatabaseConnectionString => Started(_database).ConnectionString;

    public void Require()
    {
        if (MissingReason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but: {MissingReason}");
        }

        Assert.Skip(MissingReason);
    }

    public async ValueTask InitializeAsync()
    {
        MissingReason = PrivateMariaDb.MissingReason() ?? (File.Exists(RedisServer) ? null : $"redis-server not found at {RedisServer} (apt-get install redis-server).");
        if (MissingReason is not null)
        {
            return;
        }

        try
        {
            _directory = Path.Combine(Path.GetTempPath(), $"atticket-kill-{Guid.NewGuid():N}"[..28]);
            _database = new PrivateMariaDb(Path.Combine(_directory, "mariadb"));
            _redis = new PrivateRedis(RedisServer, Path.Combine(_directory, "redis"));
            await Task.WhenAll(_database.StartAsync(), _redis.StartAsync());

            // Both at once: the start-up lock lets one of them migrate and seed.
            _a = new AppProcess(NodeOptions("node A"));
            _b = new AppProcess(NodeOptions("node B"));
            await Task.WhenAll(_a.InitializeAsync().AsTask(), _b.InitializeAsync().AsTask());
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { Interlocked.Exchange(ref _a, null), Interlocked.Exchange(ref _b, null) })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (Interlocked.Exchange(ref _redis, null) is { } redis)
        {
            await redis.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _database, null) is { } database)
        {
            await database.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _directory, null) is { } directory && Directory.Exists(directory))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A server may still be closing files; the folder is in the temp directory.
            }
        }
    }

    /// <summary>What the nodes said last, for failure messages.</summary>
    public string Diagnostics() =>
        $"---- node A ({_a?.BaseUrl}) ----\n{_a?.OutputTail(30)}\n---- node B ({_b?.BaseUrl}) ----\n{_b?.OutputTail(40)}";

    private AppProcessOptions NodeOptions(string name) => new()
    {
        Name = name,
        DatabaseProvider = "MySql",
        DatabaseConnectionString = _database!.ConnectionString,
        DatabaseServerVersion = TestMariaDb.ServerVersion,
        RedisConnectionString = _redis!.ConnectionString,
        ReadyTimeout = TimeSpan.FromMinutes(3),
        Environment = new Dictionary<string, string>
        {
            ["Booking__HoldMinutes"] = "1",
            ["Booking__MaxActiveHoldsPerMember"] = "1000",
            ["Booking__MaxSeatsPerMemberPerPerformance"] = "1000",
            ["RateLimits__Holds__PerMember"] = "100000",
            ["RateLimits__Bookings__PerMember"] = "100000",
            ["Reconciler__IntervalSeconds"] = "1",
            ["Reconciler__GraceSeconds"] = ReconcileGraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Payments__SimulatedLatencyMilliseconds"] = GatewayLatencyMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private T Started<T>(T? part)
        where T : class
    {
        Require();
        return part ?? throw new InvalidOperationException("The checkout nodes are not running (their start failed; see the fixture's error).");
    }
}

/// <summary>The node-kill test: it kills node A of its own pair, so it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CheckoutNodesCollection : ICollectionFixture<CheckoutNodes>
{
    public const string Name = "Two nodes of their own, one killed mid-checkout";
}
