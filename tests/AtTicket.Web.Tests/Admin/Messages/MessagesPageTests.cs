using AtTicket.Infrastructure.Mail;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Admin.Messages;

public sealed class MessagesPageTests : MessagesPageContext
{
    private const string Fan = "fan@atticket.test";

    [Fact]
    public async Task A_failed_mail_is_listed_and_its_retry_sends_it_to_the_SMTP_server()
    {
        var parked = await ParkedMailAsync(Fan, "Your tickets for Aurora Lights");
        var page = RenderPage();

        var row = page.FindAll("[data-testid=mails] tbody tr").First();
        Assert.Contains("Failed", row.TextContent);
        Assert.Contains(Fan, row.TextContent);
        Assert.Contains("Your tickets for Aurora Lights", row.TextContent);
        Assert.Equal(parked.LastError, row.QuerySelector(".last-error")!.TextContent);
        Assert.Empty(Sink.MailsTo(Fan));

        await ClickAsync(page, "[data-testid=retry]");
        await ClickAsync(page, ".mud-dialog button", "Retry");

        page.WaitForAssertion(() => Assert.Contains($"The mail to {Fan} was sent.", page.Find(".mud-snackbar").TextContent));
        var mail = Assert.Single(Sink.MailsTo(Fan));
        Assert.Equal("Your tickets for Aurora Lights", mail.Subject);
        var delivery = await Services.GetRequiredService<MailDeliveryStore>().FindAsync(parked.Id, Cancellation);
        Assert.Equal(MailDeliveryStatus.Sent, delivery!.Status);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=retry]")));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_sends_nothing()
    {
        var parked = await ParkedMailAsync(Fan, "Your tickets");
        var page = RenderPage();

        await ClickAsync(page, "[data-testid=retry]");
        await ClickAsync(page, ".mud-dialog button", "Cancel");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Empty(Sink.MailsTo(Fan));
        Assert.Equal(MailDeliveryStatus.Failed, (await Services.GetRequiredService<MailDeliveryStore>().FindAsync(parked.Id, Cancellation))!.Status);
    }

    [Fact]
    public async Task A_retry_while_the_SMTP_server_is_still_down_says_it_failed_again()
    {
        await ParkedMailAsync(Fan, "Your tickets");
        await Sink.StopAsync();
        var page = RenderPage();

        await ClickAsync(page, "[data-testid=retry]");
        await ClickAsync(page, ".mud-dialog button", "Retry");

        page.WaitForAssertion(() => Assert.Contains($"The mail to {Fan} failed again; it stays failed.", page.Find(".mud-snackbar").TextContent), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Contains("2", page.FindAll("[data-testid=mails] tbody tr").First().QuerySelector("td.num")!.TextContent));
    }

    [Fact]
    public async Task An_outbox_error_with_markup_is_shown_as_text_and_the_lag_counts_from_the_oldest_pending_row()
    {
        const string error = "<script>alert('x')</script><b>broker down</b>";
        await PendingOutboxRowAsync(error, TimeSpan.FromMinutes(12));
        var page = RenderPage();

        Assert.Contains("The oldest pending message has waited 12 min.", page.Find("[data-testid=lag]").TextContent);
        await ClickAsync(page, ".mud-tab", "Outbox");

        page.WaitForElement("[data-testid=outbox] .last-error");
        var shown = page.Find("[data-testid=outbox] .last-error");
        Assert.Equal(error, shown.TextContent);
        Assert.Empty(shown.Children);
        Assert.Contains("&lt;script&gt;", shown.InnerHtml);
        Assert.Empty(page.FindAll("[data-testid=outbox] script, [data-testid=outbox] b"));
        Assert.Contains("Pending", page.Find("[data-testid=outbox] tbody tr").TextContent);
    }

    [Fact]
    public void An_empty_outbox_and_no_mails_say_so()
    {
        var page = RenderPage();

        Assert.Contains("Nothing pending", page.Find("[data-testid=lag]").TextContent);
        Assert.Contains("No mails yet.", page.Find("[data-testid=mails-empty]").TextContent);
    }
}
