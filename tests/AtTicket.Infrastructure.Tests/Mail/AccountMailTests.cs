using System.Text;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Mail.Alerts;
using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;
using static AtTicket.Infrastructure.Tests.Mail.MailData;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>
/// An account link opens the account, so it is encrypted wherever it waits (outbox row, bus message,
/// parked delivery) and appears in the clear only in the mail itself.
/// </summary>
public sealed class AccountMailTests(MailDatabases databases) : IClassFixture<MailDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_outbox_row_holds_no_readable_link_and_the_mail_carries_the_link(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var (member, link, secret) = await AskForResetAsync(node, "ko");

        var message = await OutboxMessageAsync(node, member.Id, IntegrationEvents.AccountMailType);
        Assert.DoesNotContain(secret, message.Payload);
        Assert.DoesNotContain("/Account/ResetPassword", message.Payload);
        var (worker, _) = WorkerFor(node, sink, maxAttempts: 3);
        await worker.HandleAsync(message, Ct);

        var mail = Assert.Single(sink.MailsTo(member.Email!));
        Assert.Equal("비밀번호 재설정", mail.Subject);
        Assert.Contains(link, Text(mail));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_parked_account_mail_is_stored_encrypted_and_a_retry_still_sends_the_link(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        await using var sink = await SmtpSink.StartPrivateAsync();
        var (worker, deliveries) = WorkerFor(node, sink, maxAttempts: 1);
        var (member, link, secret) = await AskForResetAsync(node, "en");
        var message = await OutboxMessageAsync(node, member.Id, IntegrationEvents.AccountMailType);
        await sink.StopAsync();

        await worker.HandleAsync(message, Ct);

        var parked = Assert.Single(await DeliveriesAsync(node, message.Id));
        Assert.Equal(MailDeliveryStatus.Failed, parked.Status);
        var content = await ReadAsync(node, db => db.MailDeliveries.Where(d => d.Id == parked.Id).Select(d => d.Content).SingleAsync(Ct));
        Assert.NotNull(content);
        var stored = Encoding.Latin1.GetString(content);
        Assert.DoesNotContain(secret, stored);
        Assert.DoesNotContain(member.Email!, stored, StringComparison.OrdinalIgnoreCase); // a plain MIME text would name its recipient

        await sink.StartAgainAsync();
        Assert.Equal(RetryOutcome.Sent, await deliveries.RetryAsync(parked.Id, Ct));
        var mail = Assert.Single(sink.MailsTo(member.Email!));
        Assert.Contains(link, Text(mail));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task An_account_mail_whose_link_cannot_be_decrypted_is_dropped_without_a_mail_or_a_redelivery(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var (memberId, email) = await MemberAsync(node, "en");
        var forged = IntegrationEvents.Account(new AccountMail(memberId, email, AccountMailKind.ResetPasswordLink, "https://evil.example/plain-link", null), DateTimeOffset.UtcNow);
        await ReadAsync(node, db =>
        {
            db.OutboxMessages.Add(forged);
            return db.SaveChangesAsync(Ct);
        });
        var message = await OutboxMessageAsync(node, memberId, IntegrationEvents.AccountMailType);
        var (worker, _) = WorkerFor(node, SmtpSink.Shared(), maxAttempts: 1);

        await worker.HandleAsync(message, Ct); // returns: throwing would make the bus hand it over forever

        Assert.Empty(await DeliveriesAsync(node, message.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task The_address_changed_notice_names_the_new_address_masked_and_never_as_markup(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var sink = SmtpSink.Shared();
        var (memberId, previous) = await MemberAsync(node, "en");
        var member = await ReadAsync(node, db => db.Users.AsNoTracking().SingleAsync(u => u.Id == memberId, Ct));

        // Identity's address check accepts any text around one @, markup included.
        var notice = node.GetRequiredService<AccountMailSender>().AddressChangedNotice(member, previous, "<b>mallory</b>@<i>evil</i>.test");
        await ReadAsync(node, db =>
        {
            db.OutboxMessages.Add(notice);
            return db.SaveChangesAsync(Ct);
        });
        var message = await OutboxMessageAsync(node, memberId, IntegrationEvents.AccountMailType);
        Assert.DoesNotContain("mallory", message.Payload, StringComparison.Ordinal);
        var (worker, _) = WorkerFor(node, sink, maxAttempts: 3);
        await worker.HandleAsync(message, Ct);

        var mail = Assert.Single(sink.MailsTo(previous));
        Assert.Contains("was changed to <***@<i>evil</i>.test.", Text(mail));
        Assert.Contains("&lt;***@&lt;i&gt;evil&lt;/i&gt;.test", mail.HtmlBody);
        Assert.DoesNotContain("<i>", mail.HtmlBody, StringComparison.Ordinal);
    }

    /// <summary>What the forgot-password page does: Identity's sender, given a link with a token only this test knows.</summary>
    private static async Task<(Member Member, string Link, string Secret)> AskForResetAsync(IServiceProvider node, string language)
    {
        var (memberId, _) = await MemberAsync(node, language);
        var member = await ReadAsync(node, db => db.Users.AsNoTracking().SingleAsync(u => u.Id == memberId, Ct));
        var secret = Guid.NewGuid().ToString("N");
        // Mail links are rebuilt on the site's public address, whatever host the request named.
        var link = node.GetRequiredService<IOptions<AlertMailOptions>>().Value.Link($"/Account/ResetPassword?code={secret}&email=x").AbsoluteUri;
        await node.GetRequiredService<IEmailSender<Member>>().SendPasswordResetLinkAsync(member, member.Email!, link);
        return (member, link, secret);
    }
}
