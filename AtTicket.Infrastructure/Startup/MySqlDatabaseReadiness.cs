using MySqlConnector;

namespace AtTicket.Infrastructure.Startup;

/// <summary>
/// The configured MySQL/MariaDB database exists before anything opens it: waits for the server, then
/// creates the database if the account may, or stops with the statements an operator has to run.
/// </summary>
internal static class MySqlDatabaseReadiness
{
    public static async Task EnsureAsync(string connectionString, StartupOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new MySqlConnectionStringBuilder(connectionString);
        // The server without the database: connecting must not need what may not exist yet.
        var server = new MySqlConnectionStringBuilder(connectionString) { Database = string.Empty, Pooling = false, ConnectionTimeout = 5 };
        var service = $"The MySQL server at {target.Server}:{target.Port}";
        await StartupRetry.WaitForAsync(service, async token =>
        {
            await using var connection = new MySqlConnection(server.ConnectionString);
            try
            {
                await connection.OpenAsync(token);
                await CreateIfMissingAsync(connection, target, token);
            }
            catch (MySqlException exception) when (exception.ErrorCode == MySqlErrorCode.AccessDenied)
            {
                throw new StartupFailedException($"{service} refused the account '{target.UserID}': check the user and password in ConnectionStrings:Database.", exception);
            }
        }, options, logger, cancellationToken);
    }

    private static async Task CreateIfMissingAsync(MySqlConnection connection, MySqlConnectionStringBuilder target, CancellationToken cancellationToken)
    {
        await using var exists = new MySqlCommand("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name", connection);
        exists.Parameters.AddWithValue("@name", target.Database);
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken)) > 0)
        {
            return;
        }

        var name = target.Database.Replace("`", "``");
        try
        {
            await using var create = new MySqlCommand($"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException exception) when (exception.ErrorCode == MySqlErrorCode.DatabaseAccessDenied)
        {
            throw new StartupFailedException(
                $"The database '{target.Database}' does not exist and the account '{target.UserID}' may not create it: "
                + $"run CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; GRANT ALL ON `{name}`.* TO '{target.UserID}'; on the server, then start again.",
                exception);
        }
    }
}
