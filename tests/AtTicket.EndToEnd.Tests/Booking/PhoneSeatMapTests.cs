using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// The 1,024-seat hall on a 390 × 844 phone: an overview of sections, a tapped section with seats a
/// finger can hit, and the bar at the bottom with the total. A guest only picks; nothing is held.
/// </summary>
public sealed class PhoneSeatMapTests(AppProcess app, ChromiumBrowser chromium) : BookingSteps(app, chromium)
{
    private static readonly HallSeat Picked = new("Balcony L", "G", 3);

    [Fact]
    public Task A_phone_opens_the_large_hall_as_sections_and_a_tapped_section_has_seats_of_at_least_24_pixels() => InBrowserAsync(async page =>
    {
        await OpenSeatMapAsync(page);

        var sections = SeatMap(page).Locator("g.section-block[role=button]");
        await Expect(sections).ToHaveCountAsync(6);
        await Expect(SeatMap(page).Locator("g.seat")).ToHaveCountAsync(0);
        await Expect(SeatMap(page).GetByRole(AriaRole.Button, new() { NameRegex = new(@"^Section Balcony L, \d+ seats free$") })).ToHaveCountAsync(1);

        await OpenSectionAsync(page, Picked.Section);

        await Expect(SeatMap(page).Locator("g.seat")).ToHaveCountAsync(80);
        var seat = Seat(page, Picked);
        await seat.ScrollIntoViewIfNeededAsync();
        var box = await seat.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width >= 24 && box.Height >= 24, $"A seat is {box.Width:0.#} × {box.Height:0.#} px on the phone.");

        await seat.TapAsync();
        await ExpectSeatAsync(page, Picked, "selected by you", "selected");

        var bar = page.GetByTestId("booking-bar");
        await Expect(bar).ToBeVisibleAsync();
        await Expect(bar.GetByTestId("bar-total")).ToHaveTextAsync(BalconyPrice);
        await Expect(bar).ToContainTextAsync("1 seat");
        await Expect(bar.GetByRole(AriaRole.Button, new() { Name = "Hold" })).ToBeEnabledAsync();
        var barBox = await bar.BoundingBoxAsync();
        Assert.NotNull(barBox);
        Assert.Equal(Phone.Height, barBox.Y + barBox.Height, 1); // fixed to the bottom of the screen while the map scrolls

        await page.GetByTestId("all-sections").TapAsync();
        await Expect(sections).ToHaveCountAsync(6);
    }, phone: true);
}
