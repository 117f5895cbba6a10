using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Mail;

/// <summary>A member changes their e-mail address on the account page with the keyboard; the link mailed to the new address makes the change.</summary>
public sealed partial class EmailChangeMailTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_member_asks_for_a_new_address_follows_the_mailed_link_and_logs_in_with_the_new_address()
    {
        var sink = SmtpSink.Shared();
        Customer? customer = null;
        await InBrowserAsync(async page => customer = await SignUpAsync(page, "/"));
        var moved = customer! with { Email = $"moved-{Guid.NewGuid():N}"[..14] + "@atticket.test" };

        await InBrowserAsync(async page =>
        {
            await page.GotoAsync("/Account/Login");
            await LogInAsync(page, customer);
            await page.GotoAsync("/Account/Manage/Email");
            await Expect(page.Locator(".current-email")).ToHaveTextAsync(customer.Email);

            // Keyboard only: the field is reached by its label, the form is sent with Enter.
            await page.GetByLabel("New e-mail address").FocusAsync();
            await page.Keyboard.TypeAsync(moved.Email);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"If {moved.Email} can be used for an account, a confirmation link is on its way to it.");

            var mail = Assert.Single(await sink.WaitForMailsToAsync(moved.Email, m => m.Subject == "Confirm your e-mail address"));
            var link = ChangeLink().Match(mail.TextBody ?? string.Empty);
            Assert.True(link.Success, $"No confirmation link in the mail:\n{mail.TextBody}");
            Assert.StartsWith(App.BaseUrl + "/Account/ConfirmEmail?", link.Value);

            await page.GotoAsync(link.Value);
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Your e-mail address is now {moved.Email}.");
        });

        await InBrowserAsync(async page =>
        {
            await page.GotoAsync("/Account/Login");
            await LogInAsync(page, moved);
            await page.GotoAsync("/Account/Manage/Email");
            await Expect(page.Locator(".current-email")).ToHaveTextAsync(moved.Email);
        });
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+changedEmail=\S+")]
    private static partial Regex ChangeLink();
}
