using System.Diagnostics;
using System.Globalization;
using AtTicket.LoadBench.Measuring;
using MySqlConnector;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>
/// How fast confirmation mails follow the bookings that cause them: for every BookingConfirmed outbox
/// row written so far (the sell-out's bookings), the time from the booking's commit to the SMTP sink
/// accepting its mail, read from the database (outbox OccurredAt, delivery SentAt).
/// </summary>
public sealed record MailLagResult(
    string Bus,
    int Confirmations,
    int Mailed,
    int Pending,
    int Failed,
    double WaitedSeconds,
    double MailsPerSecond,
    double LagP50Ms,
    double LagP99Ms,
    double LagMaxMs);

public static class MailLag
{
    public static async Task<MailLagResult> RunAsync(BenchContext context, TimeSpan patience)
    {
        var database = context.Options.Database;
        var waited = Stopwatch.StartNew();
        var (total, mailed, failed) = await CountAsync(database);
        var lastProgress = Stopwatch.StartNew();
        while (mailed + failed < total && lastProgress.Elapsed < patience)
        {
            await Task.Delay(500);
            var now = await CountAsync(database);
            if (now.Mailed + now.Failed > mailed + failed)
            {
                lastProgress.Restart();
            }

            (total, mailed, failed) = now;
        }

        var lags = await LagsAsync(database);
        var sorted = lags.Select(l => (l.SentAt - l.OccurredAt).TotalMilliseconds).Order().ToArray();
        var span = lags.Count == 0 ? 0 : (lags.Max(l => l.SentAt) - lags.Min(l => l.OccurredAt)).TotalSeconds;
        var result = new MailLagResult(
            context.Options.NodeSettings.ContainsKey("Kafka__BootstrapServers") ? "Kafka" : "in process",
            total,
            mailed,
            total - mailed - failed,
            failed,
            Math.Round(waited.Elapsed.TotalSeconds, 1),
            span > 0 ? Math.Round(lags.Count / span, 1) : 0,
            sorted.Length == 0 ? 0 : Percentile.Of(sorted, 50),
            sorted.Length == 0 ? 0 : Percentile.Of(sorted, 99),
            sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 1));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Mail: {result.Mailed:N0} of {result.Confirmations:N0} confirmation mails sent ({result.Pending} pending, {result.Failed} failed), {result.MailsPerSecond:N1} mails/s, booking-to-sent p50 {result.LagP50Ms:0} ms p99 {result.LagP99Ms:0} ms, bus {result.Bus}"));
        return result;
    }

    private static async Task<(int Total, int Mailed, int Failed)> CountAsync(string database)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            """
            SELECT
              (SELECT COUNT(*) FROM OutboxMessages WHERE Type = 'BookingConfirmed'),
              (SELECT COUNT(*) FROM MailDeliveries WHERE MessageType = 'BookingConfirmed' AND Status = 'Sent'),
              (SELECT COUNT(*) FROM MailDeliveries WHERE MessageType = 'BookingConfirmed' AND Status = 'Failed')
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    private static async Task<List<(DateTime OccurredAt, DateTime SentAt)>> LagsAsync(string database)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            """
            SELECT o.OccurredAt, d.SentAt FROM OutboxMessages o JOIN MailDeliveries d ON d.MessageId = o.Id
            WHERE o.Type = 'BookingConfirmed' AND d.Status = 'Sent'
            """,
            connection);
        var lags = new List<(DateTime, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lags.Add((reader.GetDateTime(0), reader.GetDateTime(1)));
        }

        return lags;
    }
}
