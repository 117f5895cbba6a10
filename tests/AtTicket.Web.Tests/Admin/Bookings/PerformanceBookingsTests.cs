using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Tests.Components.Performances;
using AtTicket.Web.Localization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Admin.Bookings;

public sealed class PerformanceBookingsTests(DemoDatabaseTemplate template)
    : BookingPagesContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly string Minji = DemoAccounts.Minji.Email;
    private static readonly string Jun = DemoAccounts.Jun.Email;

    [Fact]
    public async Task Lists_the_bookings_newest_first_with_the_members_email()
    {
        var first = await BookAsync(Minji, seats: 2);
        var second = await BookAsync(Jun);

        var page = RenderPage();

        Assert.Equal([second.Number, first.Number], Numbers(page));
        Assert.Equal([Jun, Minji], Emails(page));
        var row = RowOf(page, first.Number).TextContent;
        Assert.Contains("Confirmed", row);
        Assert.Contains(Formats.Krw(first.TotalAmount), row);
    }

    [Fact]
    public void A_performance_without_bookings_says_so()
    {
        var page = RenderPage();

        Assert.Contains("No bookings yet.", page.Find("[data-testid=empty]").TextContent);
    }

    [Fact]
    public async Task Searching_part_of_a_booking_number_finds_that_booking()
    {
        var wanted = await BookAsync(Minji);
        await BookAsync(Jun);
        var page = RenderPage();

        page.Find("#booking-search").Input(wanted.Number[^5..].ToLowerInvariant());
        Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal([wanted.Number], Numbers(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Opened_from_the_search_across_performances_the_list_shows_only_that_booking()
    {
        var wanted = await BookAsync(Minji);
        await BookAsync(Jun);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/admin/performances/{Performance}/bookings?search={wanted.Number}");

        var page = RenderPage();

        Assert.Equal([wanted.Number], Numbers(page));
        Assert.Equal(wanted.Number, page.Find("#booking-search").GetAttribute("value"));
    }

    [Fact]
    public async Task Searching_an_email_ignores_case()
    {
        var minjis = new[] { await BookAsync(Minji), await BookAsync(Minji) };
        await BookAsync(Jun);
        var page = RenderPage();

        page.Find("#booking-search").Input("MINJI@AtTicket");
        Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal(minjis.Reverse().Select(b => b.Number), Numbers(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so_and_can_be_cleared()
    {
        var booking = await BookAsync(Minji);
        var page = RenderPage();

        page.Find("#booking-search").Input("nobody@example.com");
        Clock.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Contains("No booking matches “nobody@example.com”.", page.Find("[data-testid=empty]").TextContent), TimeSpan.FromSeconds(5));
        await page.InvokeAsync(() => page.FindAll("[data-testid=empty] button").Single().Click());
        page.WaitForAssertion(() => Assert.Equal([booking.Number], Numbers(page)));
    }

    [Fact]
    public async Task Pages_through_more_bookings_than_fit_on_one_page()
    {
        var numbers = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            numbers.Add((await BookAsync(i % 2 == 0 ? Minji : Jun)).Number);
        }

        numbers.Reverse();
        var page = RenderPage();
        Assert.Equal(numbers.Take(20), Numbers(page));
        Assert.Equal("1-20 of 21", page.FindAll(".mud-table-pagination-caption").Last().TextContent.Trim());

        await page.InvokeAsync(() => page.Find("button[aria-label='Next page']").Click());

        page.WaitForAssertion(() => Assert.Equal([numbers[20]], Numbers(page)));
    }

    [Fact]
    public async Task Details_show_each_seat_with_its_ticket_code()
    {
        var booking = await BookAsync(Minji, seats: 2);
        var page = RenderPage();

        await ClickAsync(page, "[data-testid=details]");

        page.WaitForElement("[data-testid=tickets] li");
        var dialog = page.Find("[data-testid=details-dialog]");
        Assert.Contains(booking.Number, page.Find(".mud-dialog").TextContent);
        Assert.Equal(Minji, dialog.QuerySelector("[data-testid=details-email]")!.TextContent.Trim());
        var rows = page.FindAll("[data-testid=tickets] li");
        Assert.Equal(2, rows.Count);
        Assert.All(booking.Tickets, t => Assert.Contains(rows, r => r.QuerySelector("[data-testid=ticket-code]")!.TextContent.Trim() == t.Code));
    }

    [Fact]
    public async Task Cancelling_releases_the_seats_and_refunds_the_member()
    {
        var booking = await BookAsync(Minji, seats: 2);
        var page = RenderPage();

        await ClickAsync(page, "[data-testid=cancel]");
        var question = page.WaitForElement("[data-testid=cancel-question]").TextContent;
        Assert.Contains(booking.Number, question);
        Assert.Contains(Minji, question);
        Assert.Contains("2 seats are released", question);
        Assert.Contains(Formats.Krw(booking.TotalAmount), question);
        await ClickAsync(page, "[data-testid=confirm-cancel]");

        page.WaitForAssertion(() => Assert.Contains("Cancelled", RowOf(page, booking.Number).TextContent));
        Assert.Contains(BookingCancellation.Cancelled.Message, page.Find(".mud-snackbar").TextContent);
        Assert.Empty(page.FindAll("[data-testid=cancel]"));
        var cancelled = await FindBookingAsync(booking.Id);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.NotNull(cancelled.RefundedAt);
        Assert.All(await SeatStatusesAsync(booking), s => Assert.Equal(SeatStatus.Available, s));
        var refund = Assert.Single(Gateway.Ledger.Refunds);
        Assert.Equal((booking.PaymentReference, booking.TotalAmount), (refund.Reference, refund.Amount));
    }

    [Fact]
    public async Task Keeping_the_booking_in_the_dialog_changes_nothing()
    {
        var booking = await BookAsync(Minji);
        var page = RenderPage();

        await ClickAsync(page, "[data-testid=cancel]");
        await ClickAsync(page, "[data-testid=keep-booking]");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Equal(BookingStatus.Confirmed, (await FindBookingAsync(booking.Id)).Status);
        Assert.All(await SeatStatusesAsync(booking), s => Assert.Equal(SeatStatus.Sold, s));
        Assert.Empty(Gateway.Ledger.Refunds);
        Assert.Single(page.FindAll("[data-testid=cancel]"));
    }

    [Fact]
    public async Task The_details_dialog_leads_to_the_cancellation()
    {
        var booking = await BookAsync(Jun);
        var page = RenderPage();

        await ClickAsync(page, "[data-testid=details]");
        await ClickAsync(page, "[data-testid=details-cancel]");
        await ClickAsync(page, "[data-testid=confirm-cancel]");

        page.WaitForAssertion(() => Assert.Contains("Cancelled", RowOf(page, booking.Number).TextContent));
        Assert.Equal(BookingStatus.Cancelled, (await FindBookingAsync(booking.Id)).Status);
    }

    [Fact]
    public async Task A_cancelled_booking_cannot_be_cancelled_again()
    {
        var cancelled = await BookAsync(Minji);
        var kept = await BookAsync(Jun);
        var result = await Services.GetRequiredService<BookingCancellation>().CancelAsync(cancelled.Id, cancelled.MemberId, asAdmin: false, Cancellation);
        Assert.Equal(CancelOutcome.Cancelled, result.Outcome);

        var page = RenderPage();

        Assert.Contains("Cancelled", RowOf(page, cancelled.Number).TextContent);
        Assert.Empty(RowOf(page, cancelled.Number).QuerySelectorAll("[data-testid=cancel]"));
        Assert.Single(RowOf(page, kept.Number).QuerySelectorAll("[data-testid=cancel]"));
    }

    [Fact]
    public async Task Nothing_can_be_cancelled_once_the_performance_has_started()
    {
        var booking = await BookAsync(Minji);
        Clock.SetUtcNow(await StartOfAsync() + TimeSpan.FromMinutes(1));

        var page = RenderPage();

        Assert.Contains("Confirmed", RowOf(page, booking.Number).TextContent);
        Assert.Empty(page.FindAll("[data-testid=cancel]"));
        await ClickAsync(page, "[data-testid=details]");
        page.WaitForElement("[data-testid=tickets]");
        Assert.Empty(page.FindAll("[data-testid=details-cancel]"));
    }

    [Fact]
    public async Task A_performance_that_starts_while_the_dialog_is_open_keeps_the_booking()
    {
        var booking = await BookAsync(Minji);
        var page = RenderPage();
        await ClickAsync(page, "[data-testid=cancel]");

        Clock.SetUtcNow(await StartOfAsync() + TimeSpan.FromSeconds(1));
        await ClickAsync(page, "[data-testid=confirm-cancel]");

        page.WaitForAssertion(() => Assert.Contains(Booking.CannotCancelStarted.Message, page.Find(".mud-snackbar").TextContent));
        Assert.Equal(BookingStatus.Confirmed, (await FindBookingAsync(booking.Id)).Status);
        Assert.All(await SeatStatusesAsync(booking), s => Assert.Equal(SeatStatus.Sold, s));
        Assert.Empty(Gateway.Ledger.Refunds);
    }
}
