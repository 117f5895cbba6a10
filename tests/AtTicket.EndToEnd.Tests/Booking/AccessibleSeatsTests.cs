using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// The demo cinema's back row of wheelchair spaces and companion seats, as a buyer meets it in Chromium
/// (desktop and phone, English and Korean), and the seat map on a device set to dark mode. Guests only
/// pick; the one hold is made on the cinema, which no other test books.
/// </summary>
public sealed partial class AccessibleSeatsTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Theory]
    [InlineData("en", false, "Wheelchair space", "is a wheelchair space", "Choose this space")]
    [InlineData("en", true, "Wheelchair space", "is a wheelchair space", "Choose this space")]
    [InlineData("ko", false, "휠체어석", "휠체어석입니다", "이 자리 선택")]
    [InlineData("ko", true, "휠체어석", "휠체어석입니다", "이 자리 선택")]
    public Task A_wheelchair_space_is_named_and_picked_only_after_the_buyer_confirms(string language, bool phone, string name, string question, string confirm) =>
        InBrowserAsync(async page =>
        {
            await page.GotoAsync($"/preferences/culture?culture={language}&redirectUri=%2F");
            await OpenCinemaAsync(page);
            var space = page.Locator("g.seat.wheelchair").First;
            await Expect(space).ToHaveAttributeAsync("aria-label", new Regex(Regex.Escape(name)));

            await ClickUntilAsync(space, timeout => Expect(page.Locator(".mud-dialog")).ToContainTextAsync(question, new() { Timeout = timeout }));
            var device = phone ? "phone" : "desktop";
            await ScreenshotAsync(page, $"a11y-seats-question-{device}-{language}.png");
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = confirm }).ClickAsync();

            await Expect(space).ToHaveClassAsync(new Regex(@"\bselected\b"));
            await Expect(page.GetByTestId("selected-seats").GetByTestId("seat-kind")).ToHaveTextAsync(name);
            await space.ScrollIntoViewIfNeededAsync();
            await ScreenshotAsync(page, $"a11y-seats-picked-{device}-{language}.png");
        }, phone);

    [Theory]
    [InlineData("en", "Choose a wheelchair space for each companion seat.")]
    [InlineData("ko", "동반석마다 휠체어석을 하나씩 선택해 주세요.")]
    public Task On_a_phone_the_booking_bar_says_the_companion_seat_rule_and_keeps_Hold_disabled(string language, string notice) =>
        InBrowserAsync(async page =>
        {
            await page.GotoAsync($"/preferences/culture?culture={language}&redirectUri=%2F");
            await OpenCinemaAsync(page);
            var companion = page.Locator("g.seat.companion").First;

            await ClickUntilAsync(companion, timeout => Expect(companion).ToHaveClassAsync(new Regex(@"\bselected\b"), new() { Timeout = timeout }));

            var bar = page.GetByTestId("booking-bar");
            await Expect(bar.GetByTestId("bar-companion-rule")).ToHaveTextAsync(notice);
            await Expect(bar.GetByRole(AriaRole.Button)).ToBeDisabledAsync();

            // The bar is fixed to the bottom of the screen: what the buyer sees is the viewport, not the full page.
            await ReadyAsync(page);
            await companion.ScrollIntoViewIfNeededAsync();
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"phonebar-companion-rule-phone-{language}.png") });
        }, phone: true);

    [Fact]
    public Task On_a_dark_device_the_map_is_dark_and_held_seats_stand_out() => InBrowserAsync(async page =>
    {
        // Someone holds two seats of the front row; the guest after them sees them taken.
        var cinema = await CinemaPathAsync(page);
        await SignUpAsync(page, cinema);
        var front = page.Locator("g.seat:not(.wheelchair):not(.companion)");
        foreach (var seat in new[] { front.Nth(6), front.Nth(7) })
        {
            await ClickUntilAsync(seat, timeout => Expect(seat).ToHaveClassAsync(new Regex(@"\bselected\b"), new() { Timeout = timeout }));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" }).ClickAsync();
        await Expect(page.GetByTestId("hold-panel")).ToBeVisibleAsync();
        await page.Context.ClearCookiesAsync();

        await GotoAsync(page, cinema);
        await Expect(page.Locator(".mud-layout.theme-dark")).ToHaveCountAsync(1);
        var held = page.Locator("g.seat.held rect").First;
        await Expect(held).ToBeVisibleAsync();
        var colours = await page.EvaluateAsync<string[]>("""
            () => [getComputedStyle(document.querySelector('g.seat.held rect')).fill,
                   getComputedStyle(document.querySelector('.seat-map').closest('.mud-paper')).backgroundColor]
            """);
        var (fill, surface) = (colours[0], colours[1]);
        Log($"held seat {fill} on {surface}");
        Assert.True(Contrast(fill, surface) >= 3, $"A held seat ({fill}) has {Contrast(fill, surface):0.0}:1 against the map ({surface}).");
        await ScreenshotAsync(page, "dark-seat-map.png");

        // A theme chosen with the button wins over the device, and is remembered.
        await page.GetByRole(AriaRole.Link, new() { Name = "Light theme" }).ClickAsync();
        await Expect(page.Locator(".mud-layout.theme-dark")).ToHaveCountAsync(0);
        await GotoAsync(page, cinema);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dark theme" })).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-layout.theme-dark")).ToHaveCountAsync(0);
    }, colorScheme: ColorScheme.Dark);

    private static async Task OpenCinemaAsync(IPage page) => await GotoAsync(page, await CinemaPathAsync(page));

    /// <summary>The seat map of the first showing of the demo film, found as a buyer finds it.</summary>
    private static async Task<string> CinemaPathAsync(IPage page)
    {
        await GotoAsync(page, "/products");
        // The film's title in the page's language (the demo has both).
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Starfall Harbor|별이 지는 항구") }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/products/\d+$"));
        var path = await page.Locator("a[href^='/performances/']").First.GetAttributeAsync("href");
        Assert.NotNull(path);
        return path;
    }

    /// <summary>WCAG contrast ratio of two computed CSS colours ("rgb(r, g, b)").</summary>
    private static double Contrast(string first, string second)
    {
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string rgb)
    {
        var c = RgbParts().Matches(rgb).Take(3).Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) / 255)
            .Select(v => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
        return (0.2126 * c[0]) + (0.7152 * c[1]) + (0.0722 * c[2]);
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex RgbParts();
}
