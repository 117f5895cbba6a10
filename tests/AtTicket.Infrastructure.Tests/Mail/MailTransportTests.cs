using AtTicket.Infrastructure.Mail;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>Where mails go: SMTP when a host is set, otherwise whole .eml files in the pickup folder.</summary>
public sealed class MailTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_SMTP_host_mails_are_written_as_eml_files_in_the_pickup_directory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "atticket-pickup-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var services = TestDatabase.BuildServices(new Dictionary<string, string?> { ["Mail:PickupDirectory"] = folder });
            var transport = services.GetRequiredService<IMailTransport>();
            var mail = new MimeMessage { Subject = "예매가 확정되었습니다: AT-1" };
            mail.From.Add(MailboxAddress.Parse("no-reply@atticket.local"));
            mail.To.Add(MailboxAddress.Parse("minji@atticket.test"));
            mail.Body = new TextPart("plain") { Text = "Hello" };

            await transport.SendAsync(mail, Ct);

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.EndsWith(".eml", file);
            Assert.Equal(mail.Subject, (await MimeMessage.LoadAsync(file, Ct)).Subject);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task With_an_SMTP_host_mails_go_to_that_server()
    {
        var sink = SmtpSink.Shared();
        await using var services = TestDatabase.BuildServices(sink.Settings);
        var transport = services.GetRequiredService<IMailTransport>();
        var address = $"transport-{Guid.NewGuid():N}@atticket.test";
        var mail = new MimeMessage { Subject = "Over SMTP" };
        mail.From.Add(MailboxAddress.Parse("no-reply@atticket.local"));
        mail.To.Add(MailboxAddress.Parse(address));
        mail.Body = new TextPart("plain") { Text = "Hello" };

        await transport.SendAsync(mail, Ct);

        Assert.Equal("Over SMTP", Assert.Single(sink.MailsTo(address)).Subject);
    }

    [Fact]
    public async Task Many_mails_sent_at_once_each_arrive_once_over_connections_that_are_kept_for_the_next_mail()
    {
        var sink = SmtpSink.Shared();
        await using var transport = Transport(sink);
        var addresses = Enumerable.Range(0, 40).Select(i => $"kept-{i}-{Guid.NewGuid():N}@atticket.test").ToList();

        await Parallel.ForEachAsync(addresses, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, (address, ct) => new ValueTask(transport.SendAsync(Mail(address), ct)));

        Assert.All(addresses, address => Assert.Single(sink.MailsTo(address)));
        Assert.InRange(transport.IdleConnections, 1, 8); // at most one per sender at a time, all kept
    }

    [Fact]
    public async Task A_kept_connection_the_server_dropped_is_replaced_and_the_mail_still_goes_out()
    {
        await using var sink = await SmtpSink.StartPrivateAsync();
        await using var transport = Transport(sink);
        var before = $"before-{Guid.NewGuid():N}@atticket.test";
        await transport.SendAsync(Mail(before), Ct);
        Assert.Equal(1, transport.IdleConnections);

        await sink.StopAsync(); // drops the kept connection
        await sink.StartAgainAsync();
        var after = $"after-{Guid.NewGuid():N}@atticket.test";
        await transport.SendAsync(Mail(after), Ct);

        Assert.Single(sink.MailsTo(before));
        Assert.Single(sink.MailsTo(after));
    }

    private static SmtpMailTransport Transport(SmtpSink sink) =>
        new(Microsoft.Extensions.Options.Options.Create(new MailOptions { Smtp = new SmtpOptions { Host = sink.Host, Port = sink.Port, Security = SmtpSecurity.None, TimeoutSeconds = 10 } }));

    private static MimeMessage Mail(string to)
    {
        var mail = new MimeMessage { Subject = "Kept connection" };
        mail.From.Add(MailboxAddress.Parse("no-reply@atticket.local"));
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Body = new TextPart("plain") { Text = "Hello" };
        return mail;
    }
}
