using AtTicket.EndToEnd.Tests.Nodes;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// A MariaDB and a Redis of their own in a folder of the temp directory, for fixtures whose tests kill them or the
/// nodes on them. Disposing stops both and deletes the folder.
/// </summary>
internal sealed class PrivateServers : IAsyncDisposable
{
    private const string RedisServer = "/usr/bin/redis-server";

    private readonly string _directory;

    private PrivateServers(string directory)
    {
        _directory = directory;
        Database = new PrivateMariaDb(Path.Combine(directory, "mariadb"));
        Redis = new PrivateRedis(RedisServer, Path.Combine(directory, "redis"));
    }

    public PrivateMariaDb Database { get; }

    public PrivateRedis Redis { get; }

    /// <summary>Why the servers cannot run on this machine, or null.</summary>
    public static string? MissingReason() =>
        PrivateMariaDb.MissingReason() ?? (File.Exists(RedisServer) ? null : $"redis-server not found at {RedisServer} (apt-get install redis-server).");

    /// <param name="folder">The folder's name before a random suffix; short, as the servers' socket paths have a length limit.</param>
    public static async Task<PrivateServers> StartAsync(string folder)
    {
        var servers = new PrivateServers(Path.Combine(Path.GetTempPath(), $"{folder}-{Guid.NewGuid():N}"[..(folder.Length + 13)]));
        try
        {
            await Task.WhenAll(servers.Database.StartAsync(), servers.Redis.StartAsync());
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A node on these servers with the per-member limits lifted (one member streams holds and checkouts, as many
    /// buyers would), plus <paramref name="settings"/>.
    /// </summary>
    public AppProcessOptions NodeOptions(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Booking__MaxActiveHoldsPerMember"] = "1000",
            ["Booking__MaxSeatsPerMemberPerPerformance"] = "1000",
            ["RateLimits__Holds__PerMember"] = "100000",
            ["RateLimits__Bookings__PerMember"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new()
        {
            Name = name,
            DatabaseProvider = "MySql",
            DatabaseConnectionString = Database.ConnectionString,
            DatabaseServerVersion = TestMariaDb.ServerVersion,
            RedisConnectionString = Redis.ConnectionString,
            ReadyTimeout = TimeSpan.FromMinutes(3),
            Environment = environment,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A server may still be closing files; the folder is in the temp directory.
            }
        }
    }
}
