using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// The steps of booking in a browser, for the booking tests: sign up or log in, pick seats on the
/// map of the first demo performance, hold them, pay, and read the booking page that follows.
/// </summary>
public abstract partial class BookingSteps(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    /// <summary>Aurora Lights: Live in Seoul, on sale in the 1,024-seat Main Hall.</summary>
    protected const string PerformancePath = "/performances/1";
    protected const string ProductTitle = "Aurora Lights: Live in Seoul";

    /// <summary>The simulated gateway's test cards (shown under the checkout form in Development).</summary>
    protected const string ApprovedCard = "4242 4242 4242 4242";
    protected const string DeclinedCard = "4000 0000 0000 0002";
    protected const string DeclinedMessage = "The card was declined. Try another card.";

    /// <summary>Every balcony seat is grade A, so two of them cost twice this.</summary>
    protected const string BalconyGrade = "A";
    protected const string BalconyPrice = "₩66,000";
    protected const string TwoBalconySeats = "₩132,000";

    /// <summary>A seat of the Main Hall.</summary>
    protected sealed record HallSeat(string Section, string Row, int Number)
    {
        /// <summary>How the hold panel, the booking page and the notices name it: "Balcony C H-5".</summary>
        public string Label => $"{Section} {Row}-{Number}";

        /// <summary>The start of its name on the map; the rest (grade, price, status) changes.</summary>
        public string MapName => $"Section {Section}, row {Row}, seat {Number},";

        public override string ToString() => Label;
    }

    /// <summary>Opens the seat map and waits for its circuit: a click before it connects is lost.</summary>
    protected static async Task OpenSeatMapAsync(IPage page)
    {
        await page.GotoAsync(PerformancePath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ProductTitle, Level = 1 })).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
    }

    /// <summary>On a phone the hall opens as an overview of its sections: taps one to draw its seats.</summary>
    protected static async Task OpenSectionAsync(IPage page, string section)
    {
        await SeatMap(page).GetByRole(AriaRole.Button, new() { NameRegex = new Regex($@"^Section {Regex.Escape(section)}, \d+ seats? free$") }).TapAsync();
        await Expect(page.GetByTestId("all-sections")).ToBeVisibleAsync();
    }

    protected static ILocator SeatMap(IPage page) => page.GetByRole(AriaRole.Group, new() { Name = "Seat map of Main Hall", Exact = true });

    protected static ILocator Seat(IPage page, HallSeat seat) => SeatMap(page).Locator($"g.seat[aria-label^=\"{seat.MapName}\"]");

    /// <summary>
    /// Asserts how a seat reads on the map, by the end of its name ("available", "selected by you",
    /// "held by you", "on hold", "already sold"), and its look, by its class (null: none of them).
    /// </summary>
    protected static async Task ExpectSeatAsync(IPage page, HallSeat seat, string status, string? look, float? timeout = null)
    {
        var located = Seat(page, seat);
        await Expect(located).ToHaveCountAsync(1);
        await Expect(located).ToHaveAttributeAsync("aria-label", new Regex($", {Regex.Escape(status)}$"), new() { Timeout = timeout });
        if (look is null)
        {
            await Expect(located).Not.ToHaveClassAsync(SeatLook(), new() { Timeout = timeout });
        }
        else
        {
            await Expect(located).ToHaveClassAsync(new Regex($@"\b{look}\b"), new() { Timeout = timeout });
        }
    }

    /// <summary>Clicks each seat on the map; each turns selected and is listed with its price.</summary>
    protected static async Task PickSeatsAsync(IPage page, params HallSeat[] seats)
    {
        foreach (var seat in seats)
        {
            await ExpectSeatAsync(page, seat, $"{BalconyGrade}, {BalconyPrice}, available", look: null);
            await Seat(page, seat).ClickAsync();
            await ExpectSeatAsync(page, seat, "selected by you", "selected");
        }

        var picked = page.GetByTestId("selected-seats").Locator("li");
        await Expect(picked).ToHaveCountAsync(seats.Length);
        foreach (var seat in seats)
        {
            await Expect(picked.Filter(new() { HasText = seat.Label })).ToContainTextAsync(BalconyPrice);
        }
    }

    /// <summary>Holds the picked seats: the hold panel replaces the selection, with a countdown and the checkout.</summary>
    protected static async Task<ILocator> HoldAsync(IPage page, IReadOnlyList<HallSeat> seats, string total)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Hold these seats" }).ClickAsync();
        return await ExpectHeldAsync(page, seats, total);
    }

    /// <summary>The hold panel with exactly these seats held, the total, a countdown and the checkout.</summary>
    protected static async Task<ILocator> ExpectHeldAsync(IPage page, IReadOnlyList<HallSeat> seats, string total)
    {
        var panel = HoldPanel(page);
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Seats held for you" })).ToBeVisibleAsync();
        await Expect(panel.Locator(".selected-seats li")).ToHaveCountAsync(seats.Count);
        foreach (var seat in seats)
        {
            await Expect(panel.Locator(".selected-seats li").Filter(new() { HasText = seat.Label })).ToHaveCountAsync(1);
            await ExpectSeatAsync(page, seat, "held by you", "mine");
        }

        await Expect(panel.Locator(".total")).ToContainTextAsync(total);
        await Expect(panel.GetByTestId("countdown")).ToHaveTextAsync(Countdown());
        await Expect(PayButton(page)).ToHaveTextAsync($"Pay {total}");
        return panel;
    }

    protected static ILocator HoldPanel(IPage page) => page.GetByTestId("hold-panel");

    protected static ILocator PayButton(IPage page) => HoldPanel(page).GetByRole(AriaRole.Button, new() { NameRegex = PayName() });

    /// <summary>Fills the checkout form with <paramref name="cardNumber"/> and pays.</summary>
    protected static async Task PayAsync(IPage page, string cardNumber)
    {
        await FillCardAsync(page, cardNumber);
        await Expect(PayButton(page)).ToBeEnabledAsync();
        await PayButton(page).ClickAsync();
    }

    /// <summary>Fills the checkout form: <paramref name="cardNumber"/>, an expiry two years ahead, CVC 123, a name.</summary>
    protected static async Task FillCardAsync(IPage page, string cardNumber)
    {
        var panel = HoldPanel(page);
        var expiry = DateTime.UtcNow.AddYears(2).ToString("MM/yy", CultureInfo.InvariantCulture);
        await panel.GetByLabel("Card number").FillAsync(cardNumber);
        await panel.GetByLabel("Expiry (MM/YY)").FillAsync(expiry);
        await panel.GetByLabel("CVC").FillAsync("123");
        await panel.GetByLabel("Name on card").FillAsync("E2E Customer");
    }

    /// <summary>
    /// The page checkout leads to: the booking, confirmed, with one QR ticket per seat.
    /// Returns the booking number.
    /// </summary>
    protected async Task<string> ExpectNewBookingAsync(IPage page, IReadOnlyList<HallSeat> seats, string total)
    {
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(App.BaseUrl) + @"/bookings/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\?new=1$"));
        await Expect(page.GetByTestId("confirmed-banner")).ToContainTextAsync("Your booking is confirmed.");
        var number = await ExpectBookingAsync(page, seats, total, "Confirmed");
        await ExpectTicketsAsync(page, seats, isVoid: false);
        return number;
    }

    /// <summary>The booking page's summary; returns the booking number.</summary>
    protected static async Task<string> ExpectBookingAsync(IPage page, IReadOnlyList<HallSeat> seats, string total, string status)
    {
        var number = page.GetByTestId("booking-number");
        await Expect(number).ToHaveTextAsync(BookingNumber());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = ProductTitle, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("booking-status")).ToHaveTextAsync(status);

        var facts = page.Locator("dl.facts");
        await Expect(facts).ToContainTextAsync("Hanbit Concert Hall · Main Hall");
        await Expect(facts).ToContainTextAsync(total);
        foreach (var seat in seats)
        {
            await Expect(facts).ToContainTextAsync(seat.Label);
        }

        return await number.InnerTextAsync();
    }

    /// <summary>One ticket per seat, each with its own code and a QR image of it.</summary>
    protected static async Task ExpectTicketsAsync(IPage page, IReadOnlyList<HallSeat> seats, bool isVoid)
    {
        var tickets = page.GetByTestId("tickets").GetByTestId("ticket");
        await Expect(tickets).ToHaveCountAsync(seats.Count);
        var codes = new HashSet<string>();
        foreach (var seat in seats)
        {
            var ticket = tickets.Filter(new() { HasText = $"{seat.Section} row {seat.Row} seat {seat.Number}" });
            await Expect(ticket).ToHaveCountAsync(1);
            await Expect(ticket).ToContainTextAsync($"{BalconyGrade} · {BalconyPrice}");
            var code = ticket.GetByTestId("ticket-code");
            await Expect(code).ToHaveTextAsync(TicketQrImage.Code());
            var text = await code.InnerTextAsync();
            Assert.True(codes.Add(text), $"Two tickets have the code {text}.");

            await TicketQrImage.ExpectAsync(ticket.GetByRole(AriaRole.Img, new() { Name = $"QR code for ticket {text}", Exact = true }), text);
            if (isVoid)
            {
                await Expect(ticket).ToHaveClassAsync(new Regex(@"\bvoid\b"));
                await Expect(ticket).ToContainTextAsync("This ticket is no longer valid.");
            }
            else
            {
                await Expect(ticket).Not.ToHaveClassAsync(new Regex(@"\bvoid\b"));
            }
        }
    }

    /// <summary>The notice above the map (a warning alert) with exactly this text.</summary>
    protected static ILocator Notice(IPage page, string text) =>
        page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(text) + "\\s*$") });

    /// <summary>Marks the open document, to show later that it was updated in place and not reloaded.</summary>
    protected static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__e2eSameDocument = true; }");

    protected static async Task ExpectSameDocumentAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__e2eSameDocument === true"), $"{page.Url} was reloaded.");

    [GeneratedRegex(@"\b(selected|mine|held|sold)\b")]
    private static partial Regex SeatLook();

    [GeneratedRegex(@"^[0-5]:[0-5]\d$")]
    private static partial Regex Countdown();

    [GeneratedRegex(@"^Pay ₩[\d,]+$")]
    private static partial Regex PayName();

    /// <summary>"AT", the date (yyMMdd) and six characters without look-alikes.</summary>
    [GeneratedRegex(@"^AT\d{6}[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$")]
    private static partial Regex BookingNumber();
}
