using System.Globalization;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Localization;
using AtTicket.Web.Components.Catalog;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components.Catalog;

/// <summary>
/// A product with many showtimes (the demo's Starfall Harbor: 14 over 7 days) shows a strip of its days
/// first, and below it only the chosen day's performances. On a copy of the demo database.
/// </summary>
public sealed class DateStripTests(DemoDatabaseTemplate template) : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private const string ManyShowtimes = "Starfall Harbor";

    [Fact]
    public async Task The_strip_has_a_tab_for_each_day_with_performances_and_the_first_day_is_chosen()
    {
        using var culture = new CultureScope("en");
        var (page, days) = await OpenAsync();

        var tabs = page.FindAll("[role=tablist] [role=tab]");
        Assert.Equal(days.Select(d => $"day-{d:yyyyMMdd}"), tabs.Select(t => t.Id));
        Assert.Equal("Performance dates", page.Find("[role=tablist]").GetAttribute("aria-label"));
        Assert.Equal(["true"], tabs.Where(t => t.GetAttribute("tabindex") == "0").Select(t => t.GetAttribute("aria-selected")));
        Assert.Equal("true", tabs[0].GetAttribute("aria-selected"));
        Assert.Equal(days[0].ToString("ddd", CultureInfo.GetCultureInfo("en-GB")), tabs[0].QuerySelector(".weekday")!.TextContent);
        Assert.Equal("tabpanel", page.Find("[data-testid=performances]").GetAttribute("role"));
        Assert.Equal(tabs[0].Id, page.Find("[data-testid=performances]").GetAttribute("aria-labelledby"));
        ExpectOnlyPerformancesOf(page, days[0]);
    }

    [Fact]
    public async Task Picking_a_day_lists_only_that_days_performances()
    {
        using var culture = new CultureScope("en");
        var (page, days) = await OpenAsync();

        await page.Find($"#day-{days[3]:yyyyMMdd}").ClickAsync(new MouseEventArgs());

        Assert.Equal("true", page.Find($"#day-{days[3]:yyyyMMdd}").GetAttribute("aria-selected"));
        Assert.Equal("false", page.Find($"#day-{days[0]:yyyyMMdd}").GetAttribute("aria-selected"));
        ExpectOnlyPerformancesOf(page, days[3]);
    }

    [Fact]
    public async Task Arrow_keys_End_and_Home_move_the_chosen_day()
    {
        using var culture = new CultureScope("en");
        var (page, days) = await OpenAsync();

        await page.Find($"#day-{days[0]:yyyyMMdd}").KeyDownAsync(new KeyboardEventArgs { Key = "ArrowRight" });
        Assert.Equal($"day-{days[1]:yyyyMMdd}", Chosen(page));

        await page.Find($"#day-{days[1]:yyyyMMdd}").KeyDownAsync(new KeyboardEventArgs { Key = "End" });
        Assert.Equal($"day-{days[^1]:yyyyMMdd}", Chosen(page));
        ExpectOnlyPerformancesOf(page, days[^1]);

        await page.Find($"#day-{days[^1]:yyyyMMdd}").KeyDownAsync(new KeyboardEventArgs { Key = "Home" });
        Assert.Equal($"day-{days[0]:yyyyMMdd}", Chosen(page));
    }

    [Fact]
    public async Task The_Korean_strip_names_the_days_in_Korean()
    {
        using var culture = new CultureScope("ko");
        var (page, days) = await OpenAsync();

        var first = page.Find($"#day-{days[0]:yyyyMMdd}");
        Assert.Equal(days[0].ToString("ddd", CultureInfo.GetCultureInfo("ko-KR")), first.QuerySelector(".weekday")!.TextContent);
        Assert.Equal($"{days[0].Month}. {days[0].Day}.", first.QuerySelector(".date")!.TextContent);
        Assert.Equal("공연 날짜", page.Find("[role=tablist]").GetAttribute("aria-label"));
    }

    private async Task<(IRenderedComponent<ProductPage> Page, IReadOnlyList<DateOnly> Days)> OpenAsync()
    {
        int productId;
        await using (var db = await ContextAsync())
        {
            productId = await db.Products.Where(p => p.Title == ManyShowtimes).Select(p => p.Id).SingleAsync(Cancellation);
        }

        var product = await Services.GetRequiredService<CatalogReader>().GetProductAsync(productId, includeUnpublished: false, Cancellation);
        Assert.Equal(14, product!.Performances.Count);
        IReadOnlyList<DateOnly> days = [.. product.Performances.Select(p => DayOf(p.StartsAt)).Distinct().Order()];
        Assert.True(days.Count > 1);

        var page = Render<ProductPage>(p => p.Add(x => x.Id, productId));
        page.WaitForElement("[role=tablist]", LoadLimit);
        return (page, days);
    }

    private static void ExpectOnlyPerformancesOf(IRenderedComponent<ProductPage> page, DateOnly day)
    {
        var rows = page.FindAll("[data-testid=performances] .performance-row");
        Assert.Equal(2, rows.Count); // the demo plays Starfall Harbor at 14:00 and 18:00 each day
        var date = Formats.Date(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), Formats.Kst), CultureInfo.GetCultureInfo("en"));
        Assert.All(rows, r => Assert.Contains(date.Split(' ')[1] + " " + date.Split(' ')[2], r.TextContent, StringComparison.Ordinal));
    }

    private static string? Chosen(IRenderedComponent<ProductPage> page) => page.Find("[role=tab][aria-selected=true]").Id;

    private static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Formats.Kst).DateTime);
}
