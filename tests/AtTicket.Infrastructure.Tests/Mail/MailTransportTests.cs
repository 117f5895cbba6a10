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
}
