using System.Globalization;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace AtTicket.Infrastructure.Tests.Seeding;

public sealed class DatabaseInitializerTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Starting_twice_duplicates_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider, SeededDatabases.Settings);
        await SeededDatabases.InitializeAsync(database);
        var first = await CountEverythingAsync(database);

        await SeededDatabases.InitializeAsync(database);

        Assert.Equal(first, await CountEverythingAsync(database));
        Assert.All(first, row => Assert.True(row.Value > 0, $"the first start left {row.Key} empty"));
    }

    /// <summary>Several nodes share one database only on MariaDB/MySQL; SQLite is the single-node setup.</summary>
    [Fact]
    public async Task Two_nodes_starting_at_once_on_MariaDB_seed_everything_once()
    {
        await using var reference = await TestDatabase.CreateEmptyAsync(DatabaseProvider.MySql, SeededDatabases.Settings);
        await SeededDatabases.InitializeAsync(reference);
        await using var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.MySql, SeededDatabases.Settings);
        await using var firstNode = database.NewNode();
        await using var secondNode = database.NewNode();

        // docker-compose starts two web nodes on one empty database; each initializes it at start-up.
        var starts = new[] { SeededDatabases.InitializeAsync(firstNode), SeededDatabases.InitializeAsync(secondNode) };
        var failures = new List<string>();
        foreach (var start in starts)
        {
            try
            {
                await start;
            }
            catch (Exception e)
            {
                failures.Add($"{e.GetType().Name}: {e.GetBaseException().Message}");
            }
        }

        Assert.True(failures.Count == 0, "a node failed to start: " + string.Join(" | ", failures));
        Assert.Equal(await CountEverythingAsync(reference), await CountEverythingAsync(database));
    }

    /// <summary>
    /// A node waits for another's start-up (migrations and seeding) in GET_LOCK, on the server: longer than the
    /// client's command timeout on a loaded machine, which then ended the wait and killed the node (CI). Here the
    /// timeout is 2 s and the lock is held past it.
    /// </summary>
    [Fact]
    public async Task A_node_waits_out_another_nodes_start_up_longer_than_its_command_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.MySql);
        await using var impatient = database.NewNode(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = database.ConnectionString + ";Default Command Timeout=2",
        });
        await using var otherNode = new MySqlConnection(database.ConnectionString);
        await otherNode.OpenAsync(ct);
        // The lock's name is the server's, so other tests' start-ups may hold it for a moment.
        await using (var take = new MySqlCommand("SELECT GET_LOCK('atticket:initialize', 60)", otherNode) { CommandTimeout = 90 })
        {
            Assert.Equal(1L, Convert.ToInt64(await take.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
        }

        var start = SeededDatabases.InitializeAsync(impatient);
        await Within.UntilAsync(() => WaitsForTheLockAsync(database.ConnectionString), () => "the node never waited for the start-up lock", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // past the 2 s command timeout, so the bug would end the wait
        Assert.False(start.IsCompleted, $"The start-up did not wait for the lock: {start.Exception?.GetBaseException().Message}");
        await using (var release = new MySqlCommand("SELECT RELEASE_LOCK('atticket:initialize')", otherNode))
        {
            await release.ExecuteScalarAsync(ct);
        }

        await start;
        Assert.True(await database.ReadAsync(db => db.Roles.AnyAsync(ct)), "the start-up ran nothing after the lock");
    }

    private static async Task<bool> WaitsForTheLockAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var waiting = new MySqlCommand("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE '%GET_LOCK(%' AND STATE = 'User lock' AND ID <> CONNECTION_ID()", connection);
        return Convert.ToInt64(await waiting.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Without_demo_data_only_roles_are_seeded(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateEmptyAsync(provider);

        await SeededDatabases.InitializeAsync(database);

        await using var db = database.NewContext();
        Assert.Equal(["Admin", "Customer"], (await db.Roles.Select(r => r.Name).ToListAsync(ct)).Order());
        Assert.Equal(0, await db.Users.CountAsync(ct));
        Assert.Equal(0, await db.Products.CountAsync(ct));
        Assert.Equal(0, await db.Venues.CountAsync(ct));
    }

    private static async Task<SortedDictionary<string, int>> CountEverythingAsync(TestDatabase database)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.NewContext();
        return new SortedDictionary<string, int>
        {
            ["venues"] = await db.Venues.CountAsync(ct),
            ["halls"] = await db.Halls.CountAsync(ct),
            ["seats"] = await db.Seats.CountAsync(ct),
            ["products"] = await db.Products.CountAsync(ct),
            ["performances"] = await db.Performances.CountAsync(ct),
            ["seat grades"] = await db.SeatGrades.CountAsync(ct),
            ["performance seats"] = await db.PerformanceSeats.CountAsync(ct),
            ["members"] = await db.Users.CountAsync(ct),
            ["roles"] = await db.Roles.CountAsync(ct),
            ["role memberships"] = await db.UserRoles.CountAsync(ct),
            ["applied migrations"] = (await db.Database.GetAppliedMigrationsAsync(ct)).Count(),
        };
    }
}
