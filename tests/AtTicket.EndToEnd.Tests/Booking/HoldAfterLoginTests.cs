using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// A guest picks seats and presses Hold: after logging in (or signing up first) they are back on the
/// map with those seats held. Holds only, no bookings: these run alongside the other tests.
/// </summary>
public sealed partial class HoldAfterLoginTests(AppProcess app, ChromiumBrowser chromium) : BookingSteps(app, chromium)
{
    private static readonly HallSeat[] LoginSeats = [new("Balcony C", "C", 5), new("Balcony C", "C", 6)];
    private static readonly HallSeat[] SignUpSeats = [new("Balcony C", "B", 5), new("Balcony C", "B", 6)];

    [Fact]
    public Task Guest_who_logs_in_finds_the_chosen_seats_held() => InBrowserAsync(async page =>
    {
        Customer? customer = null;
        await InBrowserAsync(async other => customer = await SignUpAsync(other, "/"));

        await OpenSeatMapAsync(page);
        await PickSeatsAsync(page, LoginSeats);
        await page.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(LoginWithSeats());
        await LogInAsync(page, customer!);

        // Back on the map with the seats held; the address no longer asks to hold them (a reload holds nothing again).
        await Expect(page).ToHaveURLAsync(App.BaseUrl + PerformancePath);
        await ExpectHeldAsync(page, LoginSeats, TwoBalconySeats);
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await ExpectHeldAsync(page, LoginSeats, TwoBalconySeats);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Guest_who_signs_up_keeps_the_seats_and_hears_which_one_was_taken_meanwhile() => InBrowserAsync(async page =>
    {
        await OpenSeatMapAsync(page);
        await PickSeatsAsync(page, SignUpSeats);
        await page.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginWithSeats());

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        var customer = await RegisterAsync(page);

        // While the guest signs up, another member holds one of the two seats.
        await InBrowserAsync(async rival =>
        {
            await SignUpAsync(rival, PerformancePath);
            await PickSeatsAsync(rival, SignUpSeats[1]);
            await HoldAsync(rival, [SignUpSeats[1]], BalconyPrice);
        });

        await page.Locator(".mud-main-content").GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true }).ClickAsync();
        await LogInAsync(page, customer);

        await Expect(page).ToHaveURLAsync(App.BaseUrl + PerformancePath);
        await Expect(Notice(page, $"Taken while you were logging in: {SignUpSeats[1].Label}. Nothing was held; your other seats are still selected.")).ToBeVisibleAsync();
        await ExpectSeatAsync(page, SignUpSeats[0], "selected by you", "selected");
        await ExpectSeatAsync(page, SignUpSeats[1], "on hold", "held");
        await Expect(HoldPanel(page)).ToHaveCountAsync(0);

        // The seat left is one press away.
        await HoldAsync(page, [SignUpSeats[0]], BalconyPrice);
    });

    [Fact]
    public Task A_hand_made_hold_address_holds_nothing_it_should_not() => InBrowserAsync(async page =>
    {
        await SignUpAsync(page, "/");
        foreach (var query in new[] { "hold=abc", "hold=1,1", "hold=-5", "hold=999999999", "hold=99999999999999999999" })
        {
            await GotoAsync(page, $"{PerformancePath}?{query}");
            await Expect(SeatMap(page)).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" })).ToBeDisabledAsync();
            await Expect(HoldPanel(page)).ToHaveCountAsync(0);
        }
    });

    private Regex LoginWithSeats() =>
        new("^" + Regex.Escape($"{App.BaseUrl}/Account/Login?returnUrl=") + "%2Fperformances%2F1%3Fhold%3D\\d+%2C\\d+$");
}
