using AtTicket.EndToEnd.Tests.Nodes;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// One AtTicket node on a MariaDB and a Redis of its own (<see cref="PrivateMariaDb"/>, <see cref="PrivateRedis"/>),
/// so the fault tests can kill either and start it again. The per-member limits are lifted: one member streams
/// holds and checkouts, as many buyers would.
/// </summary>
public sealed class FaultNode : IAsyncLifetime
{
    private const string RequireVariable = "ATTICKET_REQUIRE_SERVICES";
    private string? _directory;
    private PrivateMariaDb? _database;
    private PrivateRedis? _redis;
    private AppProcess? _node;

    public string? MissingReason { get; private set; }

    public AppProcess Node => Started(_node);

    internal PrivateMariaDb Database => Started(_database);

    internal PrivateRedis Redis => Started(_redis);

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
        const string redisServer = "/usr/bin/redis-server";
        MissingReason = PrivateMariaDb.MissingReason() ?? (File.Exists(redisServer) ? null : $"redis-server not found at {redisServer} (apt-get install redis-server).");
        if (MissingReason is not null)
        {
            return;
        }

        try
        {
            _directory = Path.Combine(Path.GetTempPath(), $"atticket-faults-{Guid.NewGuid():N}"[..30]);
            _database = new PrivateMariaDb(Path.Combine(_directory, "mariadb"));
            _redis = new PrivateRedis(redisServer, Path.Combine(_directory, "redis"));
            await Task.WhenAll(_database.StartAsync(), _redis.StartAsync());
            _node = new AppProcess(new AppProcessOptions
            {
                Name = "fault node",
                DatabaseProvider = "MySql",
                DatabaseConnectionString = _database.ConnectionString,
                DatabaseServerVersion = TestMariaDb.ServerVersion,
                RedisConnectionString = _redis.ConnectionString,
                ReadyTimeout = TimeSpan.FromMinutes(3),
                Environment = new Dictionary<string, string>
                {
                    ["Booking__MaxActiveHoldsPerMember"] = "1000",
                    ["Booking__MaxSeatsPerMemberPerPerformance"] = "1000",
                    ["RateLimits__Holds__PerMember"] = "100000",
                    ["RateLimits__Bookings__PerMember"] = "100000",
                },
            });
            await _node.InitializeAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _node, null) is { } node)
        {
            await node.DisposeAsync();
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

    /// <summary>What the node said last, for failure messages; all it said is kept in a file in the temp directory.</summary>
    public string Diagnostics()
    {
        var file = Path.Combine(Path.GetTempPath(), $"atticket-fault-node-{DateTime.UtcNow:HHmmss}.log");
        File.WriteAllText(file, _node?.Output ?? string.Empty);
        return $"---- {_node} (all of it in {file}) ----\n{_node?.OutputTail(60)}";
    }

    private T Started<T>(T? part)
        where T : class
    {
        Require();
        return part ?? throw new InvalidOperationException("The fault node is not running (its start failed; see the fixture's error).");
    }
}

/// <summary>The fault tests: they kill the services under their node, so they run alone, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultNode>
{
    public const string Name = "Faults on a node of its own";
}
