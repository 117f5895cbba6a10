using AtTicket.Infrastructure.Tests;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace AtTicket.Web.Tests;

/// <summary>
/// A database of the test's own, removed on dispose: by default a SQLite file in the temp folder (with its WAL
/// files); <see cref="MariaDbAsync"/> makes a uniquely named database on the server of ATTICKET_TEST_MYSQL.
/// </summary>
public sealed class TemporaryDatabase : IDisposable
{
    private readonly string? _mySqlServer;

    public TemporaryDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "atticket-web-tests");
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
    }

    private TemporaryDatabase(string mySqlServer, string name)
    {
        _mySqlServer = mySqlServer;
        Name = name;
        FilePath = Path.Combine(Path.GetTempPath(), "atticket-web-tests", name); // only names the mail folder
        ConnectionString = new MySqlConnectionStringBuilder(mySqlServer) { Database = name }.ConnectionString;
    }

    /// <summary>An empty MariaDB database; the app migrates and seeds it as it does in production.</summary>
    public static async Task<TemporaryDatabase> MariaDbAsync()
    {
        var server = await TestServices.MySqlAsync();
        var name = $"atticket_web_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TemporaryDatabase(server, name);
    }

    /// <summary>The value of Database:Provider.</summary>
    public string Provider => _mySqlServer is null ? "Sqlite" : "MySql";

    /// <summary>Database:ServerVersion: fixed for MariaDB, as in production (no probing at start).</summary>
    public string? ServerVersion => _mySqlServer is null ? null : "10.11.0-mariadb";

    public string FilePath { get; }

    public string? Name { get; }

    public string ConnectionString { get; }

    /// <summary>Guards against a test silently running on the developer's own database.</summary>
    public void AssertWasCreated()
    {
        var created = _mySqlServer is null
            ? File.Exists(FilePath)
            : Convert.ToInt64(Scalar(_mySqlServer, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{Name}'"), System.Globalization.CultureInfo.InvariantCulture) > 0;
        if (!created)
        {
            throw new InvalidOperationException(
                $"The app did not create the test database {Name ?? FilePath}; the ConnectionStrings:Database override did not reach it.");
        }
    }

    public void Dispose()
    {
        if (_mySqlServer is not null)
        {
            MySqlConnection.ClearAllPools();
            Execute(_mySqlServer, $"DROP DATABASE IF EXISTS `{Name}`");
            return;
        }

        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // A file still held open is left to the temp folder's own clean-up.
            }
        }
    }

    private static void Execute(string server, string sql) => Scalar(server, sql);

    private static object? Scalar(string server, string sql)
    {
        using var connection = new MySqlConnection(server);
        connection.Open();
        using var command = new MySqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
