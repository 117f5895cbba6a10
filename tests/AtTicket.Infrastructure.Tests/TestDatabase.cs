using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace AtTicket.Infrastructure.Tests;

/// <summary>
/// A private database of one provider, wired exactly as the app wires it (<c>AddInfrastructure</c> plus
/// Identity), and removed on dispose: SQLite as a file in its own temp folder, MariaDB as a uniquely
/// named database on the server from ATTICKET_TEST_MYSQL.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The MariaDB the test script starts; Pomelo is given a fixed version, as in production.</summary>
    public const string MariaDbServerVersion = "10.11.0-mariadb";

    private readonly string? _sqliteFolder;
    private readonly string? _mySqlServer;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private TestDatabase(DatabaseProvider provider, string connectionString, string name, string? sqliteFolder, string? mySqlServer, IReadOnlyDictionary<string, string?> settings)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
        _sqliteFolder = sqliteFolder;
        _mySqlServer = mySqlServer;
        _settings = settings;
        Services = BuildServices(settings);
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Name { get; }
    public ServiceProvider Services { get; }

    /// <summary>A database with the current schema and nothing in it.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await CreateEmptyAsync(provider, settings);
        try
        {
            await database.MigrateAsync();
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// No schema yet: for MariaDB an empty database (as an operator would create it), for SQLite
    /// a path where no file exists. <paramref name="settings"/> adds configuration such as Seed:DemoData.
    /// </summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var name = $"atticket_test_{Guid.NewGuid():N}";
        string connectionString;
        string? sqliteFolder = null;
        string? mySqlServer = null;
        if (provider == DatabaseProvider.MySql)
        {
            mySqlServer = await TestServices.MySqlAsync();
            await ExecuteOnServerAsync(mySqlServer, $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            connectionString = new MySqlConnectionStringBuilder(mySqlServer) { Database = name }.ConnectionString;
        }
        else
        {
            sqliteFolder = Path.Combine(Path.GetTempPath(), "atticket-infrastructure-tests", name);
            Directory.CreateDirectory(sqliteFolder);

            // Unpooled, so no connection keeps the file open once the test is done with it.
            connectionString = $"Data Source={Path.Combine(sqliteFolder, "atticket.db")};Pooling=False";
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ServerVersion"] = provider == DatabaseProvider.MySql ? MariaDbServerVersion : null,
            ["ConnectionStrings:Database"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return new TestDatabase(provider, connectionString, name, sqliteFolder, mySqlServer, configuration);
    }

    /// <summary>The app's registrations plus Identity, as the web host adds them.</summary>
    public static ServiceProvider BuildServices(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration);
        services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>
    /// The services of another app node on the same database (its own container, context factory and singletons).
    /// The caller disposes it.
    /// </summary>
    public ServiceProvider NewNode() => BuildServices(_settings);

    /// <summary>Another node on the same database whose configuration differs by <paramref name="overrides"/> (e.g. Kafka:BootstrapServers).</summary>
    public ServiceProvider NewNode(IReadOnlyDictionary<string, string?> overrides) =>
        BuildServices(_settings.Concat(overrides).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    /// <summary>A new context, one per operation, from the factory the app uses.</summary>
    public AtTicketDbContext NewContext() =>
        Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContext();

    /// <summary>One query in a context of its own, for asserting what another context saved.</summary>
    public async Task<T> ReadAsync<T>(Func<AtTicketDbContext, Task<T>> query)
    {
        await using var db = NewContext();
        return await query(db);
    }

    public AsyncServiceScope NewScope() => Services.CreateAsyncScope();

    /// <summary>The schema as a node's start-up leaves it: the migrations, and the simulated processor's table.</summary>
    public async Task MigrateAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        await Services.GetRequiredService<IPaymentLedger>().PrepareAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_mySqlServer is not null)
        {
            await using (var pooled = new MySqlConnection(ConnectionString))
            {
                await MySqlConnection.ClearPoolAsync(pooled);
            }

            await ExecuteOnServerAsync(_mySqlServer, $"DROP DATABASE IF EXISTS `{Name}`");
        }

        if (_sqliteFolder is not null && Directory.Exists(_sqliteFolder))
        {
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }

    public override string ToString() => $"{Provider} database {Name}";

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        var builder = new MySqlConnectionStringBuilder(server) { Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
