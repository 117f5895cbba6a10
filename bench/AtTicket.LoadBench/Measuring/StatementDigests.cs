using MySqlConnector;

namespace AtTicket.LoadBench.Measuring;

/// <summary>
/// What MariaDB ran, from performance_schema's statement digests (the server must start with
/// performance_schema=ON; scripts/bench.sh does): cleared before a scenario, read after it. Only the
/// app's database counts, so the benchmark's own reads and the calibration schema stay out.
/// </summary>
public sealed class StatementDigests(string connectionString)
{
    public async Task<bool> IsAvailableAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand("SELECT @@performance_schema", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async Task ClearAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every statement shape the app's database ran since <see cref="ClearAsync"/>, busiest first.</summary>
    public async Task<IReadOnlyList<StatementShape>> ReadAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(
            """
            SELECT DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT / 1e9, SUM_ROWS_AFFECTED, SUM_ROWS_EXAMINED, SUM_LOCK_TIME / 1e9
            FROM performance_schema.events_statements_summary_by_digest
            WHERE SCHEMA_NAME = DATABASE() AND DIGEST_TEXT IS NOT NULL
            ORDER BY SUM_TIMER_WAIT DESC
            """,
            connection);
        var shapes = new List<StatementShape>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var text = reader.GetString(0);
            if (text.Contains("performance_schema", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            shapes.Add(new StatementShape(StatementText.Shorten(text), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5)));
        }

        return shapes;
    }

    private async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>One statement shape: how often it ran, its total time in the server (ms), rows changed and examined, and its total wait for locks (ms).</summary>
public sealed record StatementShape(string Digest, long Count, double TotalMs, long RowsAffected, long RowsExamined, double LockMs = 0);
