namespace AtTicket.Infrastructure.Persistence;

internal static class MySqlVersions
{
    /// <summary>The version migrations are generated against; MySQL 8 and MariaDB 10.11 both run them.</summary>
    public static readonly ServerVersion DesignTime = new MySqlServerVersion(new Version(8, 0, 36));

    public static ServerVersion Resolve(string? configured, string connectionString) =>
        string.IsNullOrWhiteSpace(configured)
            ? ServerVersion.AutoDetect(connectionString)
            : ServerVersion.Parse(configured);
}
