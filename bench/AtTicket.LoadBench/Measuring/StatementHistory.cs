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
            SELECT h.THREAD_ID, COALESCE(h.DIGEST_TEXT, h.EVENT_NAME), h.ROWS_AFFECTED, h.TIMER_START, h.TIMER_END
            FROM performance_schema.events_statements_history_long h
            JOIN performance_schema.threads t ON t.THREAD_ID = h.THREAD_ID
            WHERE t.PROCESSLIST_ID <> CONNECTION_ID() AND h.CURRENT_SCHEMA = DATABASE()
            ORDER BY h.THREAD_ID, h.TIMER_START
            """,
            connection);
        var raw = new List<Recorded>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                raw.Add(new Recorded(
                    Convert.ToUInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                    reader.GetString(1),
                    reader.GetInt64(2),
                    Convert.ToUInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToUInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var events = new List<StatementEvent>();
        ulong? previousEnd = null;
        foreach (var statement in WithoutOutboxDispatcher(raw).OrderBy(s => s.Start))
        {
            var gap = previousEnd is { } before && statement.Start > before ? (statement.Start - before) / 1e9 : 0;
            events.Add(new StatementEvent(StatementText.Shorten(statement.Text), statement.Rows, Math.Round((statement.End - statement.Start) / 1e9, 3), Math.Round(gap, 3)));
            previousEnd = statement.End;
        }

        return events;
    }

    /// <summary>
    /// The outbox dispatcher polls in the background on the same pooled connections; it is not part of
    /// the operation. Each use of a connection starts with its reset, so a use that claims, reads or
    /// marks outbox rows is the dispatcher's and is left out (the operation's own INSERT of its row stays).
    /// </summary>
    private static IEnumerable<Recorded> WithoutOutboxDispatcher(List<Recorded> statements)
    {
        static bool IsDispatcher(Recorded s) => s.Text.Contains("OutboxMessages", StringComparison.Ordinal) && !s.Text.StartsWith("INSERT", StringComparison.Ordinal);

        var uses = statements.GroupBy(s => s.Thread).SelectMany(thread =>
        {
            var split = new List<List<Recorded>>();
            foreach (var statement in thread)
            {
                if (split.Count == 0 || statement.Text.EndsWith("Reset connection", StringComparison.Ordinal))
                {
                    split.Add([]);
                }

                split[^1].Add(statement);
            }

            return split;
        });
        return uses.Where(use => !use.Any(IsDispatcher)).SelectMany(use => use);
    }

    private readonly record struct Recorded(ulong Thread, string Text, long Rows, ulong Start, ulong End);

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
