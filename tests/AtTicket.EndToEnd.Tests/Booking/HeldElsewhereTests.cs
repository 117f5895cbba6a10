using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// While a member holds seats, every page says so (show, seats, time left, Resume), and the one-hold
/// rule's refusal on another show names and links the show the seats are held for.
/// </summary>
public sealed partial class HeldElsewhereTests(AppProcess app, ChromiumBrowser chromium) : BookingSteps(app, chromium)
{
    private static readonly HallSeat[] HeldSeats = [new("Balcony C", "A", 5), new("Balcony C", "A", 6)];

    /// <summary>Beethoven's Ninth, in the same Main Hall.</summary>
    private const string OtherPerformancePath = "/performances/4";

    [Fact]
    public Task Holding_member_sees_the_hold_on_every_page_and_a_refusal_that_names_the_show() => InBrowserAsync(async page =>
    {
        await SignUpAsync(page, PerformancePath);
        await PickSeatsAsync(page, HeldSeats);
        await HoldAsync(page, HeldSeats, TwoBalconySeats);
        await Expect(Banner(page)).ToHaveCountAsync(0); // the map's own hold panel says it here

        foreach (var path in new[] { "/", "/Account/Manage/ChangePassword", OtherPerformancePath })
        {
            await GotoAsync(page, path);
            var banner = Banner(page);
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync(ProductTitle);
            await Expect(banner).ToContainTextAsync($"2 seats held: {HeldSeats[0].Label}, {HeldSeats[1].Label}");
            await Expect(banner.GetByRole(AriaRole.Timer)).ToHaveTextAsync(ToPay());
            await Expect(banner.GetByRole(AriaRole.Link, new() { Name = $"Resume booking {ProductTitle}" })).ToHaveAttributeAsync("href", PerformancePath);
        }

        // On another show, the refusal names the show the seats are held for and links to it.
        var seat = SeatMap(page).Locator($"g.seat[aria-label^=\"{HeldSeats[0].MapName}\"]");
        await seat.ClickAsync();
        await Expect(seat).ToHaveAttributeAsync("aria-label", new Regex(", selected by you$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" }).ClickAsync();

        var refusal = page.GetByTestId("held-elsewhere");
        await Expect(refusal).ToHaveTextAsync(Refusal());
        await Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await ScreenshotAsync(page, "held-elsewhere-refusal.png");
        await refusal.GetByRole(AriaRole.Link, new() { Name = ProductTitle, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(App.BaseUrl + PerformancePath);
        await ReadyAsync(page);
        await ExpectHeldAsync(page, HeldSeats, TwoBalconySeats);
        await Expect(Banner(page)).ToHaveCountAsync(0);

        // Resume from the banner of another page leads back to the seats too.
        await GotoAsync(page, "/products");
        await Banner(page).GetByRole(AriaRole.Link, new() { Name = $"Resume booking {ProductTitle}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(App.BaseUrl + PerformancePath);
        await ExpectHeldAsync(page, HeldSeats, TwoBalconySeats);
    });

    private static ILocator Banner(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Your held seats", Exact = true });

    [GeneratedRegex(@"^[0-5]:[0-5]\d to pay$")]
    private static partial Regex ToPay();

    [GeneratedRegex(@"^\s*You already hold 2 seats for Aurora Lights: Live in Seoul, .+\. Pay for them or release them before holding other seats\.\s*$")]
    private static partial Regex Refusal();
}
