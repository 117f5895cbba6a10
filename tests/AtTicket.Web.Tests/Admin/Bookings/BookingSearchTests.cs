using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Components.Admin.Bookings;
using AtTicket.Web.Localization;
using AtTicket.Web.Tests.Components;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;

namespace AtTicket.Web.Tests.Admin.Bookings;

/// <summary>The admin's search for a booking across all performances, on a copy of the demo database.</summary>
public sealed class BookingSearchTests(DemoDatabaseTemplate template)
    : BookingPagesContext(template), IClassFixture<DemoDatabaseTemplate>
{
    /// <summary>Another on-sale demo performance, so a search has more than one performance to cover.</summary>
    private const int OtherPerformance = 2;

    private static readonly string Minji = DemoAccounts.Minji.Email;
    private static readonly string Jun = DemoAccounts.Jun.Email;

    [Fact]
    public async Task Part_of_an_email_finds_the_members_bookings_of_every_performance_newest_first()
    {
        using var english = new CultureScope("en-US");
        var first = await BookAsync(Minji);
        var second = await BookAsync(Minji, performanceId: OtherPerformance);
        await BookAsync(Jun);
        var page = Render<BookingSearch>();

        await SearchAsync(page, "MINJI@");

        Assert.Equal([second.Number, first.Number], Numbers(page));
        var row = page.FindAll("tbody tr").Last().TextContent; // the booking of the first performance, Aurora Lights
        Assert.Contains("Aurora Lights: Live in Seoul", row);
        Assert.Contains(Minji, row);
        Assert.Contains("Confirmed", row);
        Assert.Contains(Formats.Krw(first.TotalAmount), row);
        Assert.Equal($"/admin/performances/{OtherPerformance}/bookings?search={second.Number}", page.Find("tbody tr a.booking-number").GetAttribute("href"));
    }

    [Fact]
    public async Task The_search_shows_the_newest_50_and_says_when_more_match()
    {
        using var english = new CultureScope("en-US");
        var bookings = new List<string>();
        for (var i = 0; i < BookingSearch.Limit; i++)
        {
            bookings.Add((await BookAsync(Minji)).Number);
        }

        var page = Render<BookingSearch>();
        await SearchAsync(page, "minji@");
        Assert.Equal(BookingSearch.Limit, Numbers(page).Count);
        Assert.Equal("50 matches.", page.Find("[data-testid=count]").TextContent.Trim());

        bookings.Add((await BookAsync(Minji)).Number);
        await SearchAsync(page, "minji@");

        Assert.Equal([.. Enumerable.Reverse(bookings).Take(BookingSearch.Limit)], Numbers(page));
        Assert.Equal(
            "More bookings match: the newest 50 are shown. Narrow the search to see the others.",
            page.Find("[data-testid=count]").TextContent.Trim());
    }

    [Fact]
    public async Task A_booking_number_must_match_exactly()
    {
        using var english = new CultureScope("en-US");
        var wanted = await BookAsync(Minji);
        await BookAsync(Jun);
        var page = Render<BookingSearch>();

        await SearchAsync(page, wanted.Number.ToLowerInvariant());
        Assert.Equal([wanted.Number], Numbers(page));

        await SearchAsync(page, wanted.Number[..^1]);
        Assert.Contains($"No booking matches “{wanted.Number[..^1]}”.", page.Find("[data-testid=empty]").TextContent);
    }

    [Fact]
    public void Before_a_search_the_page_says_what_to_search_for()
    {
        using var english = new CultureScope("en-US");

        var page = Render<BookingSearch>();

        Assert.Contains("Search for a booking to see it here.", page.Find("[data-testid=hint]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=results]"));
    }

    [Fact]
    public async Task Korean_readers_see_the_page_and_the_show_title_in_Korean()
    {
        using var korean = new CultureScope("ko-KR");
        var booking = await BookAsync(Minji);
        var page = Render<BookingSearch>();

        await SearchAsync(page, booking.Number);

        Assert.Equal("예매 찾기", page.Find("h1").TextContent.Trim());
        var row = page.Find("tbody tr").TextContent;
        Assert.Contains("오로라 라이츠 서울 라이브", row);
        Assert.DoesNotContain("Aurora Lights", row);
        Assert.Contains("1건을 찾았습니다.", page.Find("[data-testid=count]").TextContent);
    }

    private static async Task SearchAsync(IRenderedComponent<BookingSearch> page, string term)
    {
        page.Find("#all-bookings-search").Change(term);
        await page.Find("[data-testid=search-form]").SubmitAsync();
        page.WaitForAssertion(() => Assert.True(
            page.FindAll("[data-testid=results]").Count + page.FindAll("[data-testid=empty]").Count > 0, "The search did not finish."));
    }

    private static List<string> Numbers(IRenderedComponent<BookingSearch> page) =>
        [.. page.FindAll("tbody .booking-number").Select(n => n.TextContent.Trim())];
}
