using System.Diagnostics;
using System.Globalization;
using AtTicket.LoadBench.Measuring;

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
        var mails = new ConfirmationMails(database);
        var (total, mailed, failed) = await mails.WaitAsync(patience);
        var lags = await mails.LagsAsync();
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
}
