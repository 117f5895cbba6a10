using System.Text.RegularExpressions;
using AtTicket.EndToEnd.Tests.Booking;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Queues;

/// <summary>
/// Members wait for a popular on-sale on the waiting page: each sees their place move without reloading, and the
/// line lets them through to the seat map in the order they came, one at a time under a cap of one; a booking ends a
/// turn and lets the next member through. While the line is paused, the page says so. Each test adds
/// a venue and a product on sale, which the home page and the dashboard count, so these run with the tests that
/// change the shared catalog.
/// </summary>
[Collection(CatalogChangingCollection.Name)]
public sealed class WaitingPageTests(AppProcess app, ChromiumBrowser chromium) : BookingSteps(app, chromium)
{
    [Fact]
    public async Task Members_see_their_places_and_are_admitted_to_the_seat_map_in_order()
    {
        await using var show = await QueueShow.CreateAsync(App.BaseUrl);
        await show.SetLineAsync(paused: true);
        string[] members = [await show.NewMemberAsync(), await show.NewMemberAsync(), await show.NewMemberAsync()];

        await InBrowserAsync(first => InBrowserAsync(second => InBrowserAsync(async third =>
        {
            await WaitAsync(first, show, members[0], place: 1);
            await WaitAsync(second, show, members[1], place: 2);
            await WaitAsync(third, show, members[2], place: 3);
            await ScreenshotAsync(second, "queue-paused-en-desktop.png");
            await ScreenshotAsync(third, "queue-paused-en-phone.png");
            await InBrowserAsync(admin => AdminSeesTheLineAsync(admin, show, waiting: 3));

            await show.SetLineAsync(paused: false);

            // The first moves on to the seat map by itself and is told how long they may shop.
            await Expect(first).ToHaveURLAsync(App.BaseUrl + show.SeatMapPath, new() { Timeout = 20_000 });
            await Expect(first.GetByTestId("shopping-window")).ToContainTextAsync(new Regex(@"you have (9|10) minutes left to choose seats and pay"));
            await Expect(first.GetByRole(AriaRole.Group, new() { Name = "Seat map of Queue Hall" })).ToBeVisibleAsync();

            // The others move up, live, and stay behind the cap of one.
            await Expect(Place(second)).ToHaveTextAsync("1", new() { Timeout = 10_000 });
            await Expect(second.GetByTestId("queue-ahead")).ToHaveTextAsync("0");
            await Expect(Place(third)).ToHaveTextAsync("2");
            await Expect(second).ToHaveURLAsync(App.BaseUrl + show.QueuePath);
            await Expect(second.Locator("progress")).ToHaveAttributeAsync("aria-label", "Your progress in the line");
            await Expect(Status(second)).ToHaveTextAsync("You are in line. This page updates by itself; keep it open.");
            await ScreenshotAsync(second, "queue-waiting-en-desktop.png");
            await ScreenshotAsync(third, "queue-waiting-en-phone.png");
        }, phone: true)));
    }

    [Fact]
    public async Task Under_a_cap_of_one_the_admitted_member_books_and_the_next_waiting_page_moves_on_to_the_seat_map_by_itself()
    {
        await using var show = await QueueShow.CreateAsync(App.BaseUrl);
        await show.SetLineAsync(paused: true);
        string[] members = [await show.NewMemberAsync(), await show.NewMemberAsync()];

        await InBrowserAsync(first => InBrowserAsync(async second =>
        {
            await WaitAsync(first, show, members[0], place: 1);
            await WaitAsync(second, show, members[1], place: 2);
            await show.SetLineAsync(paused: false);

            await Expect(first).ToHaveURLAsync(App.BaseUrl + show.SeatMapPath, new() { Timeout = 20_000 });
            await WaitForCircuitAsync(first);
            var seat = first.GetByRole(AriaRole.Group, new() { Name = "Seat map of Queue Hall" }).Locator("g.seat[aria-label^=\"Section Floor, row A, seat 1,\"]");
            await seat.ClickAsync();
            await Expect(seat).ToHaveAttributeAsync("aria-label", new Regex("selected by you$"));
            await first.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" }).ClickAsync();
            await Expect(HoldPanel(first).GetByRole(AriaRole.Heading, new() { Name = "Seats held for you" })).ToBeVisibleAsync();
            await Expect(Place(second)).ToHaveTextAsync("1", new() { Timeout = 10_000 });
            await Expect(second).ToHaveURLAsync(App.BaseUrl + show.QueuePath); // holding is not booking: the turn goes on

            await PayAsync(first, ApprovedCard);
            await Expect(first.GetByTestId("confirmed-banner")).ToContainTextAsync("Your booking is confirmed.", new() { Timeout = 20_000 });

            // The booking ended the first member's turn, so the cap lets the second in: their page moves on by itself.
            await Expect(second).ToHaveURLAsync(App.BaseUrl + show.SeatMapPath, new() { Timeout = 20_000 });
            await Expect(second.GetByTestId("shopping-window")).ToContainTextAsync(new Regex(@"you have (9|10) minutes left to choose seats and pay"));
        }));
    }

    [Fact]
    public async Task Before_the_opening_the_page_says_when_the_line_opens_in_Korean_on_a_phone()
    {
        await using var show = await QueueShow.CreateAsync(App.BaseUrl);
        await show.SetLineAsync(paused: false, opensAt: DateTimeOffset.UtcNow.AddHours(1));
        var member = await show.NewMemberAsync();

        await InBrowserAsync(async page =>
        {
            await LogInToQueueAsync(page, show, member);
            await Expect(Status(page)).ToContainTextAsync("The line opens at");
            await Expect(Status(page)).ToContainTextAsync("Your place is drawn at random then");
            await ScreenshotAsync(page, "queue-before-opening-en-phone.png");

            await page.GetByRole(AriaRole.Link, new() { Name = "한국어", Exact = true }).ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
            await Expect(Status(page)).ToContainTextAsync("순번을 무작위로 정하므로");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "대기열 나가기" })).ToBeVisibleAsync();
            await ScreenshotAsync(page, "queue-before-opening-ko-phone.png");

            await page.GetByRole(AriaRole.Button, new() { Name = "대기열 나가기" }).ClickAsync();
            await Expect(Status(page)).ToContainTextAsync("대기열에서 나갔습니다");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "공연으로 돌아가기" })).ToBeVisibleAsync();
        }, phone: true);
    }

    [Fact]
    public async Task A_member_who_skips_the_line_is_sent_to_wait_in_it_and_a_guest_is_sent_to_log_in() => await InBrowserAsync(async page =>
    {
        await using var show = await QueueShow.CreateAsync(App.BaseUrl);
        await show.SetLineAsync(paused: true);

        await page.GotoAsync(show.QueuePath);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?(?i:returnUrl)=%2Fqueue%2F" + show.PerformanceId + "$"));

        await SubmitLoginAsync(page, await show.NewMemberAsync(), QueueShow.Password);
        await Expect(Place(page)).ToHaveTextAsync("1");
        await page.GotoAsync(show.SeatMapPath);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + show.QueuePath);
        await Expect(Place(page)).ToHaveTextAsync("1");

        await page.GetByRole(AriaRole.Link, new() { Name = "한국어", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("queue-status")).ToHaveTextAsync("대기열이 잠시 멈췄습니다. 순번은 그대로 유지되며, 입장이 다시 시작되면 줄어듭니다.");
        await Expect(page.GetByTestId("queue-wait")).ToHaveTextAsync("입장 재개 시까지 멈춤");
        await Expect(Place(page)).ToHaveTextAsync("1");
        await ScreenshotAsync(page, "queue-paused-ko-desktop.png");
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ScreenshotAsync(page, "queue-paused-ko-phone.png");
    });

    private async Task AdminSeesTheLineAsync(IPage page, QueueShow show, int waiting)
    {
        var editor = $"/admin/performances/{show.PerformanceId}";
        await page.GotoAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(editor)}");
        await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + editor);
        await WaitForCircuitAsync(page);
        var panel = page.GetByTestId("waiting-line");
        await Expect(panel.GetByTestId("line-state")).ToContainTextAsync("Paused");
        await Expect(panel.Locator(".stat-tile").First).ToContainTextAsync(waiting.ToString());
        await Expect(panel.GetByTestId("time-to-clear")).ToHaveTextAsync("Depends on buyers");
        await Expect(panel.GetByLabel("Grace period (seconds)")).ToHaveValueAsync("120");
        await PanelScreenshotAsync(page, "queue-admin-panel-en.png");
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await PanelScreenshotAsync(page, "queue-admin-panel-en-phone.png");

        await page.GotoAsync($"/preferences/culture?culture=ko&redirectUri={Uri.EscapeDataString(editor)}");
        await WaitForCircuitAsync(page);
        await Expect(panel.GetByLabel("이탈 유예 시간(초)")).ToHaveValueAsync("120");
        await PanelScreenshotAsync(page, "queue-admin-panel-ko-phone.png");
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await PanelScreenshotAsync(page, "queue-admin-panel-ko.png");
    }

    /// <summary>The panel alone; its rate field is empty (a cap of one), where the label was cut off before.</summary>
    private static async Task PanelScreenshotAsync(IPage page, string fileName)
    {
        var panel = page.GetByTestId("waiting-line");
        await panel.ScrollIntoViewIfNeededAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        // The app bar is fixed: on a phone it would lie over the top of a panel taller than the screen.
        await panel.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, fileName), Style = ".mud-appbar { visibility: hidden; }" });
    }

    private async Task WaitAsync(IPage page, QueueShow show, string member, int place)
    {
        await LogInToQueueAsync(page, show, member);
        await Expect(Place(page)).ToHaveTextAsync(place.ToString());
        await Expect(page.GetByTestId("queue-ahead")).ToHaveTextAsync((place - 1).ToString());
        await Expect(Status(page)).ToHaveTextAsync("The line is paused for now. You keep your place; it moves again when admissions resume.");
        await Expect(page.GetByTestId("queue-wait")).ToHaveTextAsync("Paused until admissions resume");
    }

    private async Task LogInToQueueAsync(IPage page, QueueShow show, string member)
    {
        await page.GotoAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(show.QueuePath)}");
        await SubmitLoginAsync(page, member, QueueShow.Password);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + show.QueuePath);
    }

    private static ILocator Place(IPage page) => page.GetByTestId("queue-place");

    private static ILocator Status(IPage page) => page.GetByTestId("queue-status");
}
