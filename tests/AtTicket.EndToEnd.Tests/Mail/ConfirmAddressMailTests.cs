using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Mail;

/// <summary>Signing up in the browser mails a link to confirm the address; opening it confirms it.</summary>
public sealed partial class ConfirmAddressMailTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_new_member_follows_the_mailed_link_and_the_address_is_confirmed()
    {
        var sink = SmtpSink.Shared();
        Customer? customer = null;
        await InBrowserAsync(async page => customer = await SignUpAsync(page, "/"));

        await InBrowserAsync(async page =>
        {
            var mail = Assert.Single(await sink.WaitForMailsToAsync(customer!.Email, m => m.Subject == "Confirm your e-mail address"));
            var link = ConfirmLink().Match(mail.TextBody ?? string.Empty);
            Assert.True(link.Success, $"No confirmation link in the mail:\n{mail.TextBody}");
            Assert.StartsWith(App.BaseUrl + "/Account/ConfirmEmail?", link.Value);

            await page.GotoAsync(link.Value);
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your e-mail address is confirmed");
        });
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}
