using MySqlConnector;

namespace AtTicket.LoadBench.Measuring;

/// <summary>One statement (or protocol command, such as a connection reset) the app sent, in order: its shape, rows changed, time in the server, and the idle gap before it (the app's own time between round trips).</summary>
public sealed record StatementEvent(string Statement, long RowsAffected, double ServerMs, double GapBeforeMs);

/// <summary>
/// The exact statements of one operation, from performance_schema's statement history: cleared just
/// before the operation, read just after. Only the app's connections count (never this reader's own).
/// Needs performance_schema=ON; the history consumer is switched on here.
/// </summary>
public sealed class StatementHistory(string connectionString)
{
    public async Task EnableAsync()
    {
        await ExecuteAsync("UPDATE performance_schema.setup_consumers SET ENABLED = 'YES' WHERE NAME IN ('events_statements_current', 'events_statements_history_long')");
    }

    public Task ClearAsync() => ExecuteAsync("TRUNCATE TABLE performance_schema.events_statements_history_long");

    public async Task<IReadOnlyList<StatementEvent>> ReadAsync()
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            """
            SELECT COALESCE(h.DIGEST_TEXT, h.EVENT_NAME), h.ROWS_AFFECTED, h.TIMER_START, h.TIMER_END
            FROM performance_schema.events_statements_history_long h
            JOIN performance_schema.threads t ON t.THREAD_ID = h.THREAD_ID
            WHERE t.PROCESSLIST_ID <> CONNECTION_ID() AND h.CURRENT_SCHEMA = DATABASE()
            ORDER BY h.TIMER_START
            """,
            connection);
        var events = new List<StatementEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        ulong? previousEnd = null;
        while (await reader.ReadAsync())
        {
            var start = Convert.ToUInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            var end = Convert.ToUInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
            var gap = previousEnd is { } before && start > before ? (start - before) / 1e9 : 0;
            events.Add(new StatementEvent(StatementText.Shorten(reader.GetString(0)), reader.GetInt64(1), Math.Round((end - start) / 1e9, 3), Math.Round(gap, 3)));
            previousEnd = end;
        }

        return events;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Digest texts made readable: no backquotes, long select lists and IN lists folded.</summary>
public static class StatementText
{
    public static string Shorten(string digest)
    {
        var text = digest.Replace("`", string.Empty, StringComparison.Ordinal);
        var from = text.IndexOf(" FROM ", StringComparison.Ordinal);
        if (text.StartsWith("SELECT ", StringComparison.Ordinal) && from > 60)
        {
            text = "SELECT … " + text[(from + 1)..];
        }

        return text.Length <= 220 ? text : text[..217] + "...";
    }
}
