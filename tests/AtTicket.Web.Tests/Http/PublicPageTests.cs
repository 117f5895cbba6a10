using System.Net;
using Microsoft.AspNetCore.Localization;

namespace AtTicket.Web.Tests.Http;

/// <summary>Pages and endpoints anyone can reach, on one shared demo app (none of these tests change data).</summary>
public sealed class PublicPageTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Home_lists_the_demo_products_that_are_on_sale()
    {
        using var browser = app.NewBrowser();

        var page = await browser.GetPageAsync("/");

        var upcoming = page.QuerySelector("[data-testid='upcoming']");
        Assert.NotNull(upcoming);
        Assert.Contains("Aurora Lights: Live in Seoul", upcoming.TextContent);
        Assert.Contains("The Lantern Keeper", upcoming.TextContent);
        Assert.DoesNotContain("Winter Jazz Night", upcoming.TextContent);
        Assert.Contains("Upcoming performances", Browser.VisibleText(page));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Home_is_in_Korean_when_the_query_asks_for_ko()
    {
        using var browser = app.NewBrowser();

        var page = await browser.GetPageAsync("/?culture=ko");

        Assert.Contains("다가오는 공연", Browser.VisibleText(page));
        Assert.DoesNotContain("Upcoming performances", Browser.VisibleText(page));
        Assert.Equal("ko", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Choosing_Korean_sets_a_cookie_that_keeps_the_site_in_Korean()
    {
        using var browser = app.NewBrowser();

        using var choice = await browser.GetAsync("/preferences/culture?culture=ko&redirectUri=%2F");
        var page = await browser.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, choice.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(choice));
        Assert.Contains(choice.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CookieRequestCultureProvider.DefaultCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("다가오는 공연", Browser.VisibleText(page));
    }

    [Fact]
    public async Task Korean_culture_cookie_translates_the_login_page()
    {
        using var browser = app.NewBrowser();
        browser.Client.DefaultRequestHeaders.Add("Cookie", $"{CookieRequestCultureProvider.DefaultCookieName}={Uri.EscapeDataString("c=ko|uic=ko")}");

        var page = await browser.GetPageAsync("/Account/Login");

        Assert.Contains("로그인", Browser.VisibleText(page));
        Assert.Contains("로그인 상태 유지", Browser.VisibleText(page));
    }

    [Fact]
    public async Task Unsupported_culture_is_ignored_and_the_redirect_still_happens()
    {
        using var browser = app.NewBrowser();

        using var choice = await browser.GetAsync("/preferences/culture?culture=xx&redirectUri=%2Fnext");

        Assert.Equal(HttpStatusCode.Redirect, choice.StatusCode);
        Assert.Equal("/next", Browser.RedirectTarget(choice));
        Assert.False(choice.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task Culture_switch_refuses_to_redirect_off_the_site(string redirectUri)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync("/preferences/culture?culture=ko&redirectUri=" + Uri.EscapeDataString(redirectUri));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(response));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task Theme_switch_refuses_to_redirect_off_the_site(string redirectUri)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync("/preferences/theme?dark=true&redirectUri=" + Uri.EscapeDataString(redirectUri));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(response));
    }

    [Theory]
    [InlineData("/preferences/culture?culture=ko")]
    [InlineData("/preferences/theme?dark=true")]
    public async Task Preference_switch_sends_a_redirect_with_a_control_character_home_instead_of_failing(string switchUrl)
    {
        // Browsers drop tabs from URLs, so "/\t/evil.example" would become "//evil.example".
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(switchUrl + "&redirectUri=" + Uri.EscapeDataString("/\t/evil.example/"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(response));
    }

    [Fact]
    public async Task Choosing_the_dark_theme_is_remembered_across_pages()
    {
        using var browser = app.NewBrowser();
        var before = await browser.GetPageAsync("/");

        using var choice = await browser.GetAsync("/preferences/theme?dark=true&redirectUri=%2F");
        var after = await browser.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, choice.StatusCode);
        Assert.Equal("/", Browser.RedirectTarget(choice));
        Assert.NotNull(before.QuerySelector("[aria-label='Dark theme']"));
        Assert.NotNull(after.QuerySelector("[aria-label='Light theme']"));
    }

    [Theory]
    [InlineData(null, "system", "light dark")]
    [InlineData("true", "dark", "dark")]
    [InlineData("false", "light", "light")]
    public async Task The_first_paint_carries_the_stored_theme_before_any_script_runs(string? dark, string theme, string colorScheme)
    {
        using var browser = app.NewBrowser();
        if (dark is not null)
        {
            using var choice = await browser.GetAsync("/preferences/theme?dark=" + dark + "&redirectUri=%2F");
        }

        var page = await browser.GetPageAsync("/");

        Assert.Equal(theme, page.DocumentElement.GetAttribute("data-theme"));
        Assert.Equal(colorScheme, page.QuerySelector("head meta[name='color-scheme']")?.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoint_answers_healthy(string path)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_url_answers_404_with_the_not_found_page()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync("/no-such-page/anywhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = Browser.VisibleText(await Browser.ParseAsync(response));
        Assert.Contains("Page not found", text);
        Assert.Contains("The page you are looking for does not exist or has moved.", text);
    }

    [Fact]
    public async Task Unknown_url_for_a_Korean_visitor_shows_the_Korean_not_found_page()
    {
        using var browser = app.NewBrowser();
        using (await browser.GetAsync("/preferences/culture?culture=ko&redirectUri=%2F"))
        {
        }

        using var response = await browser.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("페이지를 찾을 수 없습니다", Browser.VisibleText(await Browser.ParseAsync(response)));
    }
}
