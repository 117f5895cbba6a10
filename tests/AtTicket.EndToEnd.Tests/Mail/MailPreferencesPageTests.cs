using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Mail;

/// <summary>The mail preferences page as a member sees it, in each language, on a desktop and on a phone.</summary>
public sealed class MailPreferencesPageTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Theory]
    [InlineData("en", false)]
    [InlineData("ko", false)]
    [InlineData("en", true)]
    [InlineData("ko", true)]
    public Task The_preferences_page_reads_in_the_site_language_on_a_desktop_and_a_phone(string language, bool phone) => InBrowserAsync(async page =>
    {
        await SignUpAsync(page, "/");
        await page.GotoAsync($"/preferences/culture?culture={language}&redirectUri=%2Faccount%2Fnotifications");
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/account/notifications");
        await WaitForCircuitAsync(page);

        var korean = language == "ko";
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = korean ? "메일 설정" : "Mail preferences", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = korean ? "뮤지컬" : "Musical", Exact = true })).Not.ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = korean ? "저장" : "Save", Exact = true })).ToBeEnabledAsync();
        // Switching the site language also switches the member's mail language.
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = korean ? "한국어" : "English", Exact = true })).ToBeCheckedAsync();
        await ScreenshotAsync(page, $"mail-preferences-{language}-{(phone ? 390 : 1280)}.png");
    }, phone);
}
