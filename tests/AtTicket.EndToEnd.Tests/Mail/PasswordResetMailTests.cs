using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Mail;

/// <summary>Forgot password in the browser: the reset mail reaches the SMTP sink, and its link sets a new password.</summary>
public sealed partial class PasswordResetMailTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public async Task A_member_who_forgot_the_password_follows_the_mailed_link_sets_a_new_one_and_logs_in_with_it()
    {
        var sink = SmtpSink.Shared();
        Customer? customer = null;
        await InBrowserAsync(async page => customer = await SignUpAsync(page, "/"));
        var renewed = customer! with { Password = "Renewed!2345" };

        await InBrowserAsync(async page =>
        {
            await page.GotoAsync("/Account/Login");
            // Followed by a full load: after an enhanced navigation's click the new form can be patched in
            // after the address is typed, and the form then goes out empty.
            var forgot = page.GetByRole(AriaRole.Link, new() { NameRegex = ForgotLinkName() });
            await Expect(forgot).ToHaveAttributeAsync("href", "/Account/ForgotPassword");
            await page.GotoAsync("/Account/ForgotPassword");
            await page.Locator("#email").FillAsync(renewed.Email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send link", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("a mail with a link to choose a new password is on its way");

            var mail = Assert.Single(await sink.WaitForMailsToAsync(renewed.Email, m => m.Subject != "Confirm your e-mail address")); // signing up mailed that one
            Assert.Equal("Reset your password", mail.Subject);
            var link = ResetLink().Match(mail.TextBody ?? string.Empty);
            Assert.True(link.Success, $"No reset link in the mail:\n{mail.TextBody}");
            Assert.StartsWith(App.BaseUrl + "/Account/ResetPassword?", link.Value);

            await page.GotoAsync(link.Value);
            await Expect(page.Locator("#email")).ToHaveValueAsync(renewed.Email);
            await page.Locator("#password").FillAsync(renewed.Password);
            await page.Locator("#confirm").FillAsync(renewed.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Set password", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password has been reset.");

            await page.GotoAsync("/Account/Login");
            await LogInAsync(page, renewed);
        });
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex("Forgot", RegexOptions.IgnoreCase)]
    private static partial Regex ForgotLinkName();
}
