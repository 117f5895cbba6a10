using Microsoft.Data.Sqlite;

namespace AtTicket.Web.Tests;

/// <summary>A SQLite file of its own in the temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TemporaryDatabase : IDisposable
{
    public TemporaryDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "atticket-web-tests");
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Guards against a test silently running on the developer's own atticket.db.</summary>
    public void AssertWasCreated()
    {
        if (!File.Exists(FilePath))
        {
            throw new InvalidOperationException(
                $"The app did not create the test database {FilePath}; the ConnectionStrings:Database override did not reach it.");
        }
    }

    public void Dispose()
    {
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
}
