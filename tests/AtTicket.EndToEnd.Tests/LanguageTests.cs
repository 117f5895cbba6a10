using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

public sealed class LanguageTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task Korean_switch_translates_home_and_login_and_English_switches_back() => InBrowserAsync(async page =>
    {
        await GotoAsync(page, "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find your seat", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "한국어", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "나의 자리를 찾아보세요", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "다가오는 공연", Level = 2 })).ToBeVisibleAsync();
        // A show with a Korean title is listed by it on Korean pages.
        await Expect(page.GetByTestId("upcoming").GetByRole(AriaRole.Heading, new() { Name = "오로라 라이츠 서울 라이브" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "home-ko.png");

        // The language is a cookie, so the static account pages follow it too.
        await ReadyAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "로그인", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?returnUrl=%2F$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "로그인", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("label[for=email]")).ToHaveTextAsync("이메일");
        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync("비밀번호");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "로그인", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "login-ko.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "EN", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?returnUrl=%2F$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("label[for=email]")).ToHaveTextAsync("E-mail");
        await ScreenshotAsync(page, "login-en.png");
    });
}
