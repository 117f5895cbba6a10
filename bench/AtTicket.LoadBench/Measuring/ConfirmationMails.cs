using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace AtTicket.LoadBench.Measuring;

public readonly record struct MailCounts(int Total, int Mailed, int Failed)
{
    public int Pending => Total - Mailed - Failed;
}

/// <summary>
/// Booking confirmation mails as the database records them: each BookingConfirmed outbox row (the
/// booking's commit, <c>OccurredAt</c>) and its delivery (the SMTP sink accepted it, <c>SentAt</c>);
/// all of them, or only those of some performances.
/// </summary>
public sealed class ConfirmationMails(string database, IReadOnlyCollection<int>? performanceIds = null)
{
    private string From => performanceIds is null
        ? "FROM OutboxMessages o LEFT JOIN MailDeliveries d ON d.MessageId = o.Id WHERE o.Type = 'BookingConfirmed'"
        : "FROM OutboxMessages o JOIN Bookings b ON b.Id = o.AggregateId LEFT JOIN MailDeliveries d ON d.MessageId = o.Id " +
          $"WHERE o.Type = 'BookingConfirmed' AND b.PerformanceId IN ({string.Join(',', performanceIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";

    public async Task<MailCounts> CountAsync()
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT COUNT(*), COALESCE(SUM(d.Status = 'Sent'), 0), COALESCE(SUM(d.Status = 'Failed'), 0) {From}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new MailCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    /// <summary>Waits until every mail is sent or parked, or nothing moved for <paramref name="patience"/>.</summary>
    public async Task<MailCounts> WaitAsync(TimeSpan patience)
    {
        var counts = await CountAsync();
        var lastProgress = Stopwatch.StartNew();
        while (counts.Mailed + counts.Failed < counts.Total && lastProgress.Elapsed < patience)
        {
            await Task.Delay(250);
            var now = await CountAsync();
            if (now.Mailed + now.Failed > counts.Mailed + counts.Failed)
            {
                lastProgress.Restart();
            }

            counts = now;
        }

        return counts;
    }

    public async Task<List<(DateTime OccurredAt, DateTime SentAt)>> LagsAsync()
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT o.OccurredAt, d.SentAt {From} AND d.Status = 'Sent'", connection);
        var lags = new List<(DateTime, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lags.Add((reader.GetDateTime(0), reader.GetDateTime(1)));
        }

        return lags;
    }
}
