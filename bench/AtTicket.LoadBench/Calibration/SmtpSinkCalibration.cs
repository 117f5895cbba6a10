using System.Diagnostics;
using System.Globalization;
using AtTicket.Infrastructure.Bookings;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AtTicket.LoadBench.Calibration;

/// <summary>The SMTP sink alone: mails per second it accepts over one kept connection and over several.</summary>
public sealed record SmtpSinkRate(int Mails, int MailBytes, double OneConnectionPerSecond, int Connections, double ParallelPerSecond);

/// <summary>
/// The ceiling for M1: the same sink (aiosmtpd writing a Maildir) fed by MailKit with mails shaped like
/// a one-ticket confirmation (HTML and text, a QR PNG, an .ics), sent back to back on kept connections.
/// </summary>
public static class SmtpSinkCalibration
{
    public static async Task<SmtpSinkRate> RunAsync(IReadOnlyDictionary<string, string> nodeSettings, int mails, int connections)
    {
        var host = nodeSettings.GetValueOrDefault("Mail__Smtp__Host") ?? throw new InvalidOperationException("The nodes send no SMTP mail (Mail__Smtp__Host is not set).");
        var port = int.Parse(nodeSettings.GetValueOrDefault("Mail__Smtp__Port") ?? "25", CultureInfo.InvariantCulture);
        var sample = Sample();
        using var size = new MemoryStream();
        await sample.WriteToAsync(size);

        var one = await RateAsync(host, port, mails / 4, 1, sample);
        var parallel = await RateAsync(host, port, mails / 2, connections, sample);
        return new SmtpSinkRate(mails / 4 + mails / 2, (int)size.Length, one, connections, parallel);
    }

    private static async Task<double> RateAsync(string host, int port, int mails, int connections, MimeMessage sample)
    {
        var left = mails;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(host, port, SecureSocketOptions.None);
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await client.SendAsync(sample);
            }

            await client.DisconnectAsync(quit: true);
        }));
        return Math.Round(mails / clock.Elapsed.TotalSeconds, 1);
    }

    private static MimeMessage Sample()
    {
        var mail = new MimeMessage { Subject = "Your booking AT-CALIBRATE is confirmed" };
        mail.From.Add(MailboxAddress.Parse("no-reply@atticket.local"));
        mail.To.Add(MailboxAddress.Parse("calibration@bench.atticket.test"));
        var builder = new BodyBuilder
        {
            TextBody = string.Concat(Enumerable.Repeat("Booking number: AT-CALIBRATE, seat Floor row A seat 1 (VIP)\n", 10)),
            HtmlBody = "<html><body>" + string.Concat(Enumerable.Repeat("<table style=\"margin:0 0 20px\"><tr><th>Booking number</th><td>AT-CALIBRATE</td></tr></table>", 25)) + "</body></html>",
        };
        builder.LinkedResources.Add("ticket.png", TicketQr.Png("CALIBRATE-0123456789ABCDEF"));
        builder.Attachments.Add("AT-CALIBRATE.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nSUMMARY:Calibration\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"u8.ToArray(), new ContentType("text", "calendar"));
        mail.Body = builder.ToMessageBody();
        return mail;
    }
}
