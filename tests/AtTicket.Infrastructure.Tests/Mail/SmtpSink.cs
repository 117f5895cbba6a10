using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AtTicket.Tests.Shared;
using MimeKit;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>
/// A real SMTP server that keeps what it receives in a Maildir (Debian's aiosmtpd): either the one the
/// test script starts (ATTICKET_TEST_SMTP_HOST, _PORT, ATTICKET_TEST_MAILDIR), shared by every test, or
/// a private one on a free port that a test may stop and start again. Missing, the test is skipped, or
/// fails when ATTICKET_REQUIRE_SERVICES=1. Also compiled into the Web tests (linked file).
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a consumer group joining on a loaded machine
    private ServerProcess? _server; // null for the shared sink

    private SmtpSink(string host, int port, string maildir)
    {
        Host = host;
        Port = port;
        Maildir = maildir;
    }

    public string Host { get; }
    public int Port { get; }
    public string Maildir { get; }

    /// <summary>The app settings that send to this sink.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Mail:Smtp:Host"] = Host,
        ["Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Smtp:TimeoutSeconds"] = "10",
    };

    public static SmtpSink Shared()
    {
        var host = Environment.GetEnvironmentVariable("ATTICKET_TEST_SMTP_HOST");
        var port = Environment.GetEnvironmentVariable("ATTICKET_TEST_SMTP_PORT");
        var maildir = Environment.GetEnvironmentVariable("ATTICKET_TEST_MAILDIR");
        if (string.IsNullOrWhiteSpace(host) || !int.TryParse(port, out var number) || string.IsNullOrWhiteSpace(maildir))
        {
            return Unavailable<SmtpSink>("The SMTP sink is not configured: set ATTICKET_TEST_SMTP_HOST, ATTICKET_TEST_SMTP_PORT and ATTICKET_TEST_MAILDIR (scripts/services.sh env prints them).");
        }

        return new SmtpSink(host!, number, maildir!);
    }

    /// <summary>An aiosmtpd of the test's own, with its own Maildir, accepting connections.</summary>
    public static async Task<SmtpSink> StartPrivateAsync()
    {
        if (!File.Exists(Python))
        {
            return Unavailable<SmtpSink>($"{Python} with aiosmtpd (Debian's python3-aiosmtpd) is needed for a private SMTP sink.");
        }

        var maildir = Path.Combine(Path.GetTempPath(), "atticket-smtp-tests", Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, folder));
        }

        var sink = new SmtpSink("127.0.0.1", ServerProcess.FreePort(), maildir);
        await sink.StartAgainAsync();
        return sink;
    }

    /// <summary>Starts the private server (again) on its port and waits until it greets.</summary>
    public Task StartAgainAsync()
    {
        if (_server is null)
        {
            var start = new ProcessStartInfo(Python);
            foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
            {
                start.ArgumentList.Add(argument);
            }

            _server = new ServerProcess(start, GreetsAsync);
        }

        return _server.StartAsync(Patience);
    }

    /// <summary>Kills the private server, as an outage would, and waits until it is gone.</summary>
    public Task StopAsync() => _server?.KillAsync() ?? Task.CompletedTask;

    /// <summary>Every mail the sink holds for <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> MailsTo(string address) =>
        [.. new[] { "new", "cur" }
            .Select(folder => Path.Combine(Maildir, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Select(file => (File: file, Written: File.GetLastWriteTimeUtc(file)))
            .OrderBy(f => f.Written)
            .Select(f => MimeMessage.Load(f.File))
            .Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until at least one mail to <paramref name="address"/> has arrived, and returns them all.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForMailsToAsync(string address) => WaitForMailsToAsync(address, _ => true);

    /// <summary>Waits until at least one mail to <paramref name="address"/> that <paramref name="matches"/> has arrived, and returns those.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForMailsToAsync(string address, Func<MimeMessage, bool> matches) =>
        Within.ReadUntilAsync<IReadOnlyList<MimeMessage>>(
            () => Task.FromResult<IReadOnlyList<MimeMessage>>([.. MailsTo(address).Where(matches)]),
            mails => mails.Count > 0,
            _ => $"No such mail to {address} reached the sink in {Maildir}.",
            Patience);

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        await StopAsync();
        Directory.Delete(Maildir, recursive: true);
    }

    private async Task<bool> GreetsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            await using var stream = client.GetStream();
            var buffer = new byte[3];
            var read = await stream.ReadAsync(buffer);
            return read == 3 && buffer.AsSpan().SequenceEqual("220"u8);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private static T Unavailable<T>(string reason)
    {
        if (Environment.GetEnvironmentVariable("ATTICKET_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return default!; // not reached: Assert.Skip throws
    }
}
