using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Web.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>The one-hold rule's refusal names and links the show whose seats the member already holds.</summary>
public sealed class HeldElsewhereTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    /// <summary>Aurora Lights' second night, in the same hall.</summary>
    private const int OtherNight = 2;

    [Theory]
    [InlineData("en", "Aurora Lights: Live in Seoul", "You already hold 2 seats for ", ". Pay for them or release them before holding other seats.")]
    [InlineData("ko", "오로라 라이츠 서울 라이브", "", " 좌석 2석을 이미 선점하고 있습니다. 결제하거나 선점을 해제한 뒤 다른 좌석을 선점하세요.")]
    public async Task Refusal_names_and_links_the_show_the_seats_are_held_for(string language, string title, string before, string end)
    {
        using var culture = new CultureScope(language);
        var held = (await RowAsync("Floor A", "K", OtherNight)).Take(2).ToList();
        var result = await Services.GetRequiredService<HoldService>().HoldSeatsAsync(MemberId, OtherNight, [.. held.Select(s => s.SeatId)], Cancellation);
        Assert.Equal(HoldOutcome.Held, result.Outcome);

        var page = RenderPage();
        var seat = (await RowAsync("Floor A", "K"))[0];
        await Seat(page, seat.SeatId).ClickAsync(new MouseEventArgs());
        await page.FindAll("button").Single(b => b.TextContent.Trim() is "Hold these seats" or "이 좌석 선점하기").ClickAsync(new MouseEventArgs());

        var refusal = page.WaitForElement("[data-testid=held-elsewhere]", LoadLimit);
        Assert.Equal("alert", refusal.GetAttribute("role"));
        var link = refusal.QuerySelector("a")!;
        Assert.Equal($"/performances/{OtherNight}", link.GetAttribute("href"));
        Assert.Equal(title, link.TextContent.Trim()); // in the page's language
        var text = refusal.TextContent.Trim();
        Assert.StartsWith(before + title, text);
        Assert.EndsWith(end, text);
        Assert.DoesNotContain("booking(s)", text);
        Assert.Equal(SeatStatus.Available, (await SeatStateAsync(seat.SeatId)).Status);
    }
}
