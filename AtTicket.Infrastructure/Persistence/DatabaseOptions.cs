namespace AtTicket.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

/// <summary>Section "Database". The connection string itself is ConnectionStrings:Database.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=atticket.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>MySQL/MariaDB server version such as "8.0.36-mysql" or "10.11.6-mariadb"; detected when empty.</summary>
    public string? ServerVersion { get; set; }
}
