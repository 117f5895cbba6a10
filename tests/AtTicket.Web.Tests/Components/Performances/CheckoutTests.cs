using System.Globalization;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Components.Performances;
using AtTicket.Web.Localization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>
/// Paying for a hold in its panel: the card checked before the gateway is called, an approved card opening
/// the booking, a declined one keeping the hold for another try, and a hold lost meanwhile.
/// </summary>
public sealed class CheckoutTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Card_mistakes_are_named_under_their_fields_and_the_gateway_is_not_called()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        await HoldAsync(page, (await RowAsync("Floor A", "F")).Take(2).ToList());
        Assert.Contains("4242 4242 4242 4242", page.Find("[data-testid=test-cards]").TextContent);

        await FillCardAsync(page, "4242 4242 4242 4241", "01/20", "12", name: "");
        await page.Find("form.checkout").SubmitAsync();

        Assert.Equal("The card number is not valid; check it for a typing mistake.", ErrorUnder(page, "card-number"));
        Assert.Equal("The card has expired.", ErrorUnder(page, "card-expiry"));
        Assert.Equal("The security code (CVC) must be 3 or 4 digits.", ErrorUnder(page, "card-cvc"));
        Assert.Equal("Enter the name on the card.", ErrorUnder(page, "card-name"));
        Assert.Equal("true", page.Find("input[data-testid=card-cvc]").GetAttribute("aria-invalid"));
        Assert.Empty(Gateway.Ledger.Charges);
        Assert.Empty(await BookingsOfAsync(MemberId));
        Assert.Equal(HoldStatus.Active, Assert.Single(await HoldsOfAsync(MemberId)).Status);

        // Each message goes as its field is put right.
        await page.Find("input[data-testid=card-cvc]").InputAsync(new ChangeEventArgs { Value = "123" });

        Assert.Null(ErrorUnder(page, "card-cvc"));
        Assert.Equal("The card has expired.", ErrorUnder(page, "card-expiry"));
    }

    [Fact]
    public async Task An_approved_card_confirms_the_booking_and_opens_its_page()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Floor B", "F")).Take(2).ToList();
        var page = RenderPage();
        await HoldAsync(page, seats);
        var pay = page.Find("[data-testid=pay]");
        Assert.Equal($"Pay {Formats.Krw(seats.Sum(s => s.Price), English)}", pay.TextContent.Trim());

        await FillCardAsync(page, "4242424242424242");
        await page.Find("form.checkout").SubmitAsync();

        var booking = Assert.Single(await BookingsOfAsync(MemberId));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(seats.Sum(s => s.Price), booking.TotalAmount);
        Assert.Equal(seats.Select(s => s.SeatId).Order(), booking.Tickets.Select(t => t.SeatId).Order());
        Assert.Equal($"bookings/{booking.Id}?new=1", CurrentPath());
        foreach (var seat in seats)
        {
            Assert.Equal(SeatStatus.Sold, (await SeatStateAsync(seat.SeatId)).Status);
        }

        Assert.Equal("4242", Assert.Single(Gateway.Ledger.Charges).CardLastFour);
    }

    [Fact]
    public async Task A_declined_card_keeps_the_hold_and_its_countdown_and_another_card_then_pays()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Floor C", "F")).Take(2).ToList();
        var page = RenderPage();
        await HoldAsync(page, seats);

        await FillCardAsync(page, "4000 0000 0000 0002");
        await page.Find("form.checkout").SubmitAsync();

        Assert.Equal("The card was declined. Try another card.", page.Find("[data-testid=payment-problem]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=hold-panel]"));
        Assert.False(page.Find("[data-testid=pay]").HasAttribute("disabled"));
        Assert.Equal("4000 0000 0000 0002", page.Find("input[data-testid=card-number]").GetAttribute("value"));
        Assert.Equal(HoldStatus.Active, Assert.Single(await HoldsOfAsync(MemberId)).Status);
        Assert.All(seats, s => Assert.Contains("mine", ClassesOf(page, s.SeatId)));
        Assert.Empty(Gateway.Ledger.Charges);

        Clock.Advance(TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Equal("4:30", page.Find("[data-testid=countdown]").TextContent.Trim()), LoadLimit);

        await page.Find("input[data-testid=card-number]").InputAsync(new ChangeEventArgs { Value = "4242 4242 4242 4242" });
        await page.Find("form.checkout").SubmitAsync();

        var bookings = await BookingsOfAsync(MemberId);
        var confirmed = Assert.Single(bookings, b => b.Status == BookingStatus.Confirmed);
        var declined = Assert.Single(bookings, b => b.Status == BookingStatus.Cancelled);
        Assert.NotEqual(declined.IdempotencyKey, confirmed.IdempotencyKey);
        Assert.Equal($"bookings/{confirmed.Id}?new=1", CurrentPath());
        Assert.Single(Gateway.Ledger.Charges);
    }

    [Fact]
    public async Task A_hold_lost_before_paying_says_so_and_goes_back_to_choosing_seats()
    {
        using var culture = new CultureScope("en");
        var seats = (await RowAsync("Balcony L", "C")).Take(2).ToList();
        var page = RenderPage();
        await HoldAsync(page, seats);
        var hold = Assert.Single(await HoldsOfAsync(MemberId));
        Assert.True(await Services.GetRequiredService<HoldService>().ReleaseAsync(hold.Id, MemberId, Cancellation)); // e.g. in another tab

        await FillCardAsync(page, "4242 4242 4242 4242");
        await page.Find("form.checkout").SubmitAsync();

        Assert.Equal(BookingService.HoldExpired.Message, Notice(page));
        Assert.Empty(page.FindAll("[data-testid=hold-panel]"));
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Hold these seats");
        Assert.All(seats, s => Assert.EndsWith(", available", Seat(page, s.SeatId).GetAttribute("aria-label")));
        Assert.Empty(Gateway.Ledger.Charges);
        Assert.Empty(await BookingsOfAsync(MemberId));
    }

    [Fact]
    public async Task The_card_number_is_shown_in_groups_of_four_and_the_expiry_as_MM_YY()
    {
        using var culture = new CultureScope("en");
        var page = RenderPage();
        await HoldAsync(page, [(await RowAsync("Floor A", "G"))[0]]);

        await page.Find("input[data-testid=card-number]").InputAsync(new ChangeEventArgs { Value = "4242424242424242" });
        await page.Find("input[data-testid=card-number]").BlurAsync(new FocusEventArgs());
        await page.Find("input[data-testid=card-expiry]").InputAsync(new ChangeEventArgs { Value = "0839" });
        await page.Find("input[data-testid=card-expiry]").BlurAsync(new FocusEventArgs());

        Assert.Equal("4242 4242 4242 4242", page.Find("input[data-testid=card-number]").GetAttribute("value"));
        Assert.Equal("08/39", page.Find("input[data-testid=card-expiry]").GetAttribute("value"));
    }

    private SimulatedPaymentGateway Gateway => Services.GetRequiredService<SimulatedPaymentGateway>();

    private string CurrentPath()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        return navigation.ToBaseRelativePath(navigation.Uri);
    }

    private async Task<IReadOnlyList<Booking>> BookingsOfAsync(string memberId)
    {
        await using var db = await ContextAsync();
        return await db.Bookings.AsNoTracking().Include(b => b.Tickets).Where(b => b.MemberId == memberId).ToListAsync(Cancellation);
    }
}
