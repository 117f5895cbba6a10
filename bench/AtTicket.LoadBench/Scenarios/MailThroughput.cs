using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AtTicket.LoadBench.Calibration;
using AtTicket.LoadBench.Measuring;
using AtTicket.LoadBench.Reporting;
using AtTicket.LoadBench.Setup;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>Issue 10's measure, one bus: how fast the confirmations of a burst of bookings reach the SMTP sink.</summary>
public sealed record MailThroughputResult(
    string Bus,
    DateTimeOffset MeasuredAt,
    int Bookings,
    int Buyers,
    double BookingSeconds,
    double BookingsPerSecond,
    CallStats BookingCalls,
    int Confirmations,
    int Mailed,
    int Pending,
    int Failed,
    double LastMailAfterFirstBookingSeconds,
    double LastMailAfterLastBookingSeconds,
    double MailsPerSecond,
    double LagP50Ms,
    double LagP99Ms,
    double LagMaxMs,
    SmtpSinkRate Sink,
    string LoadAverageBefore,
    string LoadAverageAfter);

/// <summary>
/// M1: <c>--mail-bookings</c> buyers (default 2,000) each hold one seat of their own on the mail
/// performances and pay for it, <c>--mail-buyers</c> of them at a time, as fast as the nodes answer.
/// Then the scenario waits until every confirmation mail of those bookings is sent (or parked, or no
/// progress for <c>--mail-patience</c> seconds) and reads from the database each mail's lag: outbox
/// <c>OccurredAt</c> (the booking's commit) to delivery <c>SentAt</c> (the sink accepted it). The SMTP
/// sink's own rate for mails of the same size is measured right after, as the ceiling.
/// </summary>
public static class MailThroughput
{
    public static async Task<MailThroughputResult> RunAsync(BenchContext context)
    {
        var options = context.Options;
        var loadBefore = RunInfo.LoadAverage();
        var seats = context.MailPerformances
            .SelectMany(p => p.Seats.Select(s => (p.PerformanceId, SeatId: s.Id)))
            .Take(options.MailBookings)
            .ToList();
        if (seats.Count < options.MailBookings || context.Bookers.Count < options.MailBookings)
        {
            throw new InvalidOperationException($"M1 needs {options.MailBookings} seats and buyers; setup made {seats.Count} seats and {context.Bookers.Count} buyers.");
        }

        var work = new ConcurrentQueue<(BenchMember Buyer, int PerformanceId, int SeatId)>(
            seats.Select((s, i) => (context.Bookers[i], s.PerformanceId, s.SeatId)));
        var calls = new CallLog();
        var booked = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.MailBuyers).Select(_ => Task.Run(async () =>
        {
            while (work.TryDequeue(out var item))
            {
                using var client = new BuyerClient(options.NginxUrl, item.Buyer);
                var hold = await client.HoldAsync(item.PerformanceId, [item.SeatId]);
                if (hold.Status != 201)
                {
                    calls.Add(hold.Status, hold.Milliseconds);
                    continue;
                }

                var (status, milliseconds) = await client.BookAsync(hold.HoldId!.Value);
                calls.Add(status, hold.Milliseconds + milliseconds);
                if (status == 201)
                {
                    Interlocked.Increment(ref booked);
                }
            }
        })));
        var bookingSeconds = clock.Elapsed.TotalSeconds;

        var performanceIds = context.MailPerformances.Select(p => p.PerformanceId).ToArray();
        var mails = new ConfirmationMails(options.Database, performanceIds);
        var counts = await mails.WaitAsync(TimeSpan.FromSeconds(options.MailPatienceSeconds));
        var lags = await mails.LagsAsync();
        var loadAfter = RunInfo.LoadAverage();
        var sink = await SmtpSinkCalibration.RunAsync(options.NodeSettings, options.MailBookings, Math.Max(1, options.MailSinkConnections));

        var sorted = lags.Select(l => (l.SentAt - l.OccurredAt).TotalMilliseconds).Order().ToArray();
        var firstBooking = lags.Count == 0 ? default : lags.Min(l => l.OccurredAt);
        var lastBooking = lags.Count == 0 ? default : lags.Max(l => l.OccurredAt);
        var lastMail = lags.Count == 0 ? default : lags.Max(l => l.SentAt);
        var span = (lastMail - firstBooking).TotalSeconds;
        var result = new MailThroughputResult(
            options.NodeSettings.ContainsKey("Kafka__BootstrapServers") ? "Kafka (librdkafka mock cluster)" : "in process",
            DateTimeOffset.UtcNow,
            booked,
            options.MailBuyers,
            Math.Round(bookingSeconds, 1),
            Math.Round(booked / bookingSeconds, 1),
            calls.Summarize(bookingSeconds),
            counts.Total,
            counts.Mailed,
            counts.Pending,
            counts.Failed,
            Math.Round(span, 1),
            Math.Round((lastMail - lastBooking).TotalSeconds, 1),
            span > 0 ? Math.Round(lags.Count / span, 1) : 0,
            Percentile.Of(sorted, 50),
            Percentile.Of(sorted, 99),
            sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 1),
            sink,
            loadBefore,
            loadAfter);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"M1 mail, bus {result.Bus}: {booked:N0} bookings in {bookingSeconds:0.0} s; {result.Mailed:N0} of {result.Confirmations:N0} mails sent ({result.Pending} pending, {result.Failed} failed), " +
            $"last mail {result.LastMailAfterFirstBookingSeconds:0.0} s after the first booking, {result.MailsPerSecond:N1} mails/s, lag p50 {result.LagP50Ms:0} ms p99 {result.LagP99Ms:0} ms; " +
            $"sink alone {sink.OneConnectionPerSecond:N1}/s on 1 connection, {sink.ParallelPerSecond:N1}/s on {sink.Connections}; load {loadBefore} -> {loadAfter}"));
        return result;
    }
}
