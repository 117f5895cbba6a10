using System.Globalization;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Infrastructure.Admin;
using AtTicket.Web.Components.Admin;
using AtTicket.Web.Localization;
using AtTicket.Web.Tests.Components.Bookings;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Admin.Overview;

/// <summary>The dashboard's "today and now": today's sales, holds and bookings a minute, and the sales opening this week.</summary>
public sealed class ActivityPanelTests(DemoDatabaseTemplate template)
    : BookingPagesContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Counts_the_bookings_confirmed_today_and_the_holds_and_bookings_of_the_last_quarter_hour()
    {
        using var culture = new CultureScope("en");
        MoveToAKoreanMorning();
        await BookAsync([(await RowAsync("Floor A", "P"))[0]]); // yesterday: neither today's sale nor recent
        Clock.Advance(TimeSpan.FromDays(1));
        var today = await BookAsync((await RowAsync("Floor A", "Q")).Take(2).ToList());
        var held = await Services.GetRequiredService<HoldService>()
            .HoldSeatsAsync(MemberId, ConcertHallPerformance, [(await RowAsync("Floor A", "R"))[0].SeatId], Cancellation);
        Assert.Equal(HoldOutcome.Held, held.Outcome);

        var panel = RenderPanel();

        var sales = panel.Find("[data-testid=sales-today]");
        Assert.Equal("1 booking", sales.QuerySelector(".mud-typography-h4")!.TextContent.Trim());
        Assert.Equal(Formats.Krw(today.TotalAmount, English), sales.QuerySelector("[data-testid=amount-today]")!.TextContent.Trim());
        // Two holds (the booked one and the open one) and one booking in 15 minutes.
        Assert.Equal("0.1", panel.Find("[data-testid=holds-per-minute] .mud-typography-h4").TextContent.Trim());
        Assert.Equal("0.1", panel.Find("[data-testid=bookings-per-minute] .mud-typography-h4").TextContent.Trim());
        Assert.Contains("Last 15 minutes", panel.Find("[data-testid=holds-per-minute]").TextContent);

        // A quarter of an hour later the rates are back to nothing; the day's sale still counts.
        Clock.Advance(TimeSpan.FromMinutes(16));
        panel = RenderPanel();
        Assert.Equal("0", panel.Find("[data-testid=bookings-per-minute] .mud-typography-h4").TextContent.Trim());
        Assert.Equal("1 booking", panel.Find("[data-testid=sales-today] .mud-typography-h4").TextContent.Trim());
    }

    [Fact]
    public async Task Lists_the_sales_opening_within_a_week_by_their_Korean_titles_on_the_Korean_page()
    {
        using var culture = new CultureScope("ko");
        var empty = RenderPanel();
        Assert.Equal("앞으로 7일 안에 판매를 시작하는 상품이 없습니다.", empty.Find("[data-testid=opening-soon-empty]").TextContent.Trim());

        await CreateProductAsync("Hamlet", "햄릿", opensInDays: 3);
        await CreateProductAsync("Othello", "오셀로", opensInDays: 10);

        var panel = RenderPanel();

        var opening = panel.Find("[data-testid=opening-soon]");
        Assert.Contains("햄릿", opening.TextContent);
        Assert.DoesNotContain("Hamlet", opening.TextContent);
        Assert.DoesNotContain("오셀로", opening.TextContent);
    }

    /// <summary>
    /// The admins' day ends at Korea's midnight (15:00 UTC). Started on the real clock shortly before it, the
    /// quarter hour the test moves forward crossed it and "today" emptied (CI at 14:59 UTC); from 10:00 there it cannot.
    /// </summary>
    private void MoveToAKoreanMorning()
    {
        var now = Clock.GetUtcNow().ToOffset(Formats.Kst);
        var morning = new DateTimeOffset(now.Date.AddHours(10), Formats.Kst);
        Clock.SetUtcNow(morning > now ? morning : morning.AddDays(1));
    }

    private IRenderedComponent<ActivityPanel> RenderPanel()
    {
        var panel = Render<ActivityPanel>();
        panel.WaitForElement("[data-testid=sales-today]", LoadLimit);
        return panel;
    }

    private Task<int> CreateProductAsync(string title, string titleKo, int opensInDays)
    {
        var opens = Clock.GetUtcNow().AddDays(opensInDays);
        return Services.GetRequiredService<ProductAdminService>().CreateAsync(
            new ProductInput(new(title, ProductCategory.Musical, "A test play.", 120, "12+", opens, opens.AddDays(30)), ProductStatus.OnSale, null, titleKo),
            Cancellation);
    }
}
