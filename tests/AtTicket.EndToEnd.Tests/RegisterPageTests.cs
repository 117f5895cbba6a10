using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>The sign-up page in a real browser: the first submit flags the password with the other fields.</summary>
public sealed class RegisterPageTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Theory]
    [InlineData(false, "en", "The password needs at least 8 characters.")]
    [InlineData(false, "ko", "비밀번호는 8자 이상이어야 합니다.")]
    [InlineData(true, "en", "The password needs at least 8 characters.")]
    [InlineData(true, "ko", "비밀번호는 8자 이상이어야 합니다.")]
    public Task A_short_password_is_flagged_on_the_first_submit(bool phone, string language, string rule) => InBrowserAsync(async page =>
    {
        await page.Context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = App.BaseUrl }]);
        await GotoAsync(page, "/Account/Register");
        var size = phone ? "phone" : "desktop";
        await Expect(page.Locator("#consent")).Not.ToBeCheckedAsync();
        await ScreenshotAsync(page, $"register-{size}-{language}.png");

        await page.Locator("#name").FillAsync("E2E");
        await page.Locator("#email").FillAsync($"e2e-{Guid.NewGuid():N}@atticket.test");
        await page.Locator("#password").FillAsync("Ab#12");
        await page.Locator("#confirm").FillAsync("Ab#12");
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator(".validation-message").Filter(new() { HasText = rule })).ToBeVisibleAsync();
        await Expect(page.Locator(".validation-message")).ToHaveCountAsync(2); // the rule and the missing consent
        await ScreenshotAsync(page, $"register-errors-{size}-{language}.png");
    }, phone);
}
