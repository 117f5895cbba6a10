using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// Booking seats of the first demo performance end to end: pick on the map, hold, pay with the
/// simulated gateway's test cards, the tickets, My bookings, cancelling; on a desktop and a phone.
/// </summary>
[Collection(BookingCollection.Name)]
public sealed partial class BookingTests(AppProcess app, ChromiumBrowser chromium) : BookingSteps(app, chromium)
{
    // Each test books its own balcony seats (grade A), so none finds another's sold or held.
    private static readonly HallSeat[] BoughtSeats = [new("Balcony C", "H", 5), new("Balcony C", "H", 6)];
    private static readonly HallSeat[] DeclinedSeats = [new("Balcony C", "G", 5), new("Balcony C", "G", 6)];
    private static readonly HallSeat[] CancelledSeats = [new("Balcony C", "F", 5), new("Balcony C", "F", 6)];
    private static readonly HallSeat[] PhoneSeats = [new("Balcony C", "E", 5), new("Balcony C", "E", 6)];

    [Fact]
    public Task Customer_pays_for_two_seats_gets_QR_tickets_and_finds_the_booking_while_another_customer_sees_them_sold() => InBrowserAsync(async buyer =>
    {
        await SignUpAsync(buyer, PerformancePath);
        await PickSeatsAsync(buyer, BoughtSeats);
        await Expect(buyer.GetByTestId("selection-total")).ToHaveTextAsync(TwoBalconySeats);
        await ScreenshotAsync(buyer, "booking-seat-map.png");
        await HoldAsync(buyer, BoughtSeats, TwoBalconySeats);

        // A second customer has the map open while the first one pays.
        await InBrowserAsync(async rival =>
        {
            await SignUpAsync(rival, PerformancePath);
            foreach (var seat in BoughtSeats)
            {
                await ExpectSeatAsync(rival, seat, "on hold", "held");
            }

            await MarkDocumentAsync(rival);

            await PayAsync(buyer, ApprovedCard);
            await Expect(buyer.GetByTestId("confirmed-banner")).ToBeVisibleAsync();

            // The sale reaches the open map without a reload.
            foreach (var seat in BoughtSeats)
            {
                await ExpectSeatAsync(rival, seat, "already sold", "sold", timeout: 10_000);
            }

            await ExpectSameDocumentAsync(rival);

            await Seat(rival, BoughtSeats[0]).ClickAsync();
            await Expect(Notice(rival, $"Seat {BoughtSeats[0].Label} is not available.")).ToBeVisibleAsync();
            await ExpectSeatAsync(rival, BoughtSeats[0], "already sold", "sold");
            await Expect(rival.GetByTestId("selected-seats")).ToHaveCountAsync(0);
            await Expect(rival.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" })).ToBeDisabledAsync();
            await rival.Mouse.MoveAsync(0, 0); // the notice moved the map: the pointer would hover another seat
            await ScreenshotAsync(rival, "booking-seat-map-sold.png");
        });

        var number = await ExpectNewBookingAsync(buyer, BoughtSeats, TwoBalconySeats);
        await Expect(buyer.GetByTestId("cancel-booking")).ToBeEnabledAsync();
        await ScreenshotAsync(buyer, "booking-tickets.png");

        await buyer.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" })
            .GetByRole(AriaRole.Link, new() { Name = "My bookings", Exact = true }).ClickAsync();
        await Expect(buyer).ToHaveURLAsync(App.BaseUrl + "/bookings");
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "My bookings", Level = 1 })).ToBeVisibleAsync();
        var item = buyer.GetByTestId("upcoming").GetByTestId("booking-item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.GetByTestId("booking-item-number")).ToHaveTextAsync(number);
        await Expect(item).ToContainTextAsync(ProductTitle);
        await Expect(item).ToContainTextAsync("2 seats");
        await Expect(item).ToContainTextAsync(TwoBalconySeats);
        await Expect(item.GetByTestId("booking-status")).ToHaveTextAsync("Confirmed");
        await Expect(buyer.GetByTestId("past")).ToHaveCountAsync(0);
        await ScreenshotAsync(buyer, "booking-my-bookings.png");

        // The item opens the same booking, now without the confirmation banner.
        await item.ClickAsync();
        await Expect(buyer).ToHaveURLAsync(BookingUrl());
        Assert.Equal(number, await ExpectBookingAsync(buyer, BoughtSeats, TwoBalconySeats, "Confirmed"));
        await Expect(buyer.GetByTestId("confirmed-banner")).ToHaveCountAsync(0);
        await ExpectTicketsAsync(buyer, BoughtSeats, isVoid: false);
    });

    [Fact]
    public Task Declined_card_shows_the_decline_and_keeps_the_hold_for_another_card() => InBrowserAsync(async page =>
    {
        await SignUpAsync(page, PerformancePath);
        await PickSeatsAsync(page, DeclinedSeats);
        var panel = await HoldAsync(page, DeclinedSeats, TwoBalconySeats);

        await PayAsync(page, DeclinedCard);

        await Expect(panel.GetByRole(AriaRole.Alert)).ToHaveTextAsync(DeclinedMessage);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + PerformancePath);
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Seats held for you" })).ToBeVisibleAsync();
        await Expect(panel.Locator(".selected-seats li")).ToHaveCountAsync(DeclinedSeats.Length);
        foreach (var seat in DeclinedSeats)
        {
            await ExpectSeatAsync(page, seat, "held by you", "mine");
        }

        await Expect(panel.GetByTestId("countdown")).Not.ToHaveTextAsync("0:00");
        await Expect(PayButton(page)).ToBeEnabledAsync();
        await Expect(PayButton(page)).ToHaveTextAsync($"Pay {TwoBalconySeats}");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Release seats" })).ToBeEnabledAsync();
        await ScreenshotAsync(page, "booking-checkout-declined.png");

        // The hold is still the customer's: another card pays for the same seats.
        await PayAsync(page, ApprovedCard);
        var number = await ExpectNewBookingAsync(page, DeclinedSeats, TwoBalconySeats);

        // The declined attempt is not a booking of theirs.
        await GotoAsync(page, "/bookings");
        var items = page.GetByTestId("booking-item");
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items.GetByTestId("booking-item-number")).ToHaveTextAsync(number);
    });

    [Fact]
    public async Task Customer_cancels_a_booking_from_its_page_and_the_seats_are_available_again()
    {
        Customer? customer = null;
        await InBrowserAsync(async page =>
        {
            customer = await SignUpAsync(page, PerformancePath);
            await PickSeatsAsync(page, CancelledSeats);
            await HoldAsync(page, CancelledSeats, TwoBalconySeats);
            await PayAsync(page, ApprovedCard);
            await ExpectNewBookingAsync(page, CancelledSeats, TwoBalconySeats);
        });

        // Later, in another browser: log in, find the booking, cancel it.
        await InBrowserAsync(async page =>
        {
            await page.GotoAsync("/bookings");
            await LogInAsync(page, customer!);
            await Expect(page).ToHaveURLAsync(App.BaseUrl + "/bookings");
            await WaitForCircuitAsync(page);
            var item = page.GetByTestId("upcoming").GetByTestId("booking-item");
            await Expect(item).ToHaveCountAsync(1);
            await item.ClickAsync();
            var number = await ExpectBookingAsync(page, CancelledSeats, TwoBalconySeats, "Confirmed");
            await WaitForCircuitAsync(page);

            // The seat map, open in a second tab, shows the seats sold.
            var map = await page.Context.NewPageAsync();
            await OpenSeatMapAsync(map);
            foreach (var seat in CancelledSeats)
            {
                await ExpectSeatAsync(map, seat, "already sold", "sold");
            }

            await MarkDocumentAsync(map);
            await page.BringToFrontAsync();

            // Changing one's mind in the dialog keeps the booking.
            var cancel = page.GetByTestId("cancel-booking");
            await cancel.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Cancel this booking?");
            await Expect(dialog).ToContainTextAsync($"Cancel booking {number}? Your 2 seats will be released and {TwoBalconySeats} refunded to your card.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep booking", Exact = true }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("booking-status")).ToHaveTextAsync("Confirmed");
            await Expect(cancel).ToBeEnabledAsync();

            await cancel.ClickAsync();
            await Expect(dialog).ToContainTextAsync("Cancel this booking?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel booking", Exact = true }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            await Expect(page.GetByText("Your booking is cancelled and your payment has been refunded.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("booking-status")).ToHaveTextAsync("Cancelled");
            await Expect(page.GetByTestId("void-notice")).ToContainTextAsync("This booking was cancelled on");
            await Expect(page.GetByTestId("refund")).ToHaveTextAsync(RefundedInFull());
            await Expect(cancel).ToHaveCountAsync(0);
            await ExpectTicketsAsync(page, CancelledSeats, isVoid: true);
            await ScreenshotAsync(page, "booking-cancelled.png");

            // The open map frees the seats without a reload, and a fresh one shows them free too.
            foreach (var seat in CancelledSeats)
            {
                await ExpectSeatAsync(map, seat, $"{BalconyGrade}, {BalconyPrice}, available", look: null, timeout: 10_000);
            }

            await ExpectSameDocumentAsync(map);
            await OpenSeatMapAsync(map);
            foreach (var seat in CancelledSeats)
            {
                await ExpectSeatAsync(map, seat, $"{BalconyGrade}, {BalconyPrice}, available", look: null);
            }

            await map.CloseAsync();

            await GotoAsync(page, "/bookings");
            await Expect(page.GetByTestId("upcoming")).ToHaveCountAsync(0);
            var past = page.GetByTestId("past").GetByTestId("booking-item");
            await Expect(past).ToHaveCountAsync(1);
            await Expect(past.GetByTestId("booking-item-number")).ToHaveTextAsync(number);
            await Expect(past.GetByTestId("booking-status")).ToHaveTextAsync("Cancelled");
        });
    }

    [Fact]
    public Task Checkout_on_a_phone_fits_the_screen_and_pays() => InBrowserAsync(async page =>
    {
        await SignUpAsync(page, PerformancePath);
        await OpenSectionAsync(page, PhoneSeats[0].Section);
        await PickSeatsAsync(page, PhoneSeats);
        var panel = await HoldAsync(page, PhoneSeats, TwoBalconySeats);
        await panel.ScrollIntoViewIfNeededAsync();

        var fields = new[] { "Card number", "Expiry (MM/YY)", "CVC", "Name on card" }.Select(label => panel.GetByLabel(label)).ToList();
        foreach (var field in fields)
        {
            await ExpectOnScreenAsync(page, field, minWidth: 120, minHeight: 32);
        }

        await Expect(fields[0]).ToHaveAttributeAsync("inputmode", "numeric");
        await ExpectOnScreenAsync(page, PayButton(page), minWidth: 300, minHeight: 36);
        await Expect(panel.GetByTestId("test-cards")).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The seat map page with the checkout is {overflow}px wider than a {Phone.Width}px phone screen.");

        await FillCardAsync(page, ApprovedCard);
        await Expect(fields[0]).ToHaveValueAsync(ApprovedCard);

        // Nothing covers the button: a trial click checks it would receive the tap.
        await PayButton(page).ClickAsync(new() { Trial = true });
        await ScreenshotAsync(page, "booking-checkout-phone.png");

        await PayButton(page).ClickAsync();
        await ExpectNewBookingAsync(page, PhoneSeats, TwoBalconySeats);
    }, phone: true);

    /// <summary>Visible, inside the phone's width, and big enough to tap and read.</summary>
    private static async Task ExpectOnScreenAsync(IPage page, ILocator element, int minWidth, int minHeight)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The element has no box.");
        var width = page.ViewportSize!.Width;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"An element spans {box.X:0}..{box.X + box.Width:0}px on a {width}px screen.");
        Assert.True(box.Width >= minWidth && box.Height >= minHeight, $"An element is {box.Width:0}x{box.Height:0}px, less than {minWidth}x{minHeight}.");
    }

    /// <summary>A booking's own page, as opened from My bookings (no "?new=1").</summary>
    [GeneratedRegex(@"/bookings/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")]
    private static partial Regex BookingUrl();

    [GeneratedRegex("^Refunded " + TwoBalconySeats + " on ")]
    private static partial Regex RefundedInFull();
}
