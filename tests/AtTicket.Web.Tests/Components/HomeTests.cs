using AtTicket.Web.Components.Home;
using Bunit;

namespace AtTicket.Web.Tests.Components;

/// <summary>The home page against a real SQLite file with the demo catalog.</summary>
public sealed class HomeTests(DemoCatalogDatabase database) : BunitContext, IClassFixture<DemoCatalogDatabase>
{
    internal static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);

    private static readonly string[] ProductsOnSale =
    [
        "Aurora Lights: Live in Seoul",
        "Seoul Philharmonic: Beethoven's Ninth",
        "The Lantern Keeper",
        "Moonlight over Hanok",
        "Starfall Harbor",
        "The Last Tram Home",
    ];

    [Fact]
    public async Task Lists_every_demo_product_that_is_on_sale()
    {
        var home = await RenderHomeAsync("en");

        var titles = home.FindAll("[data-testid='upcoming'] h3").Select(h => h.TextContent.Trim());
        Assert.Equal(ProductsOnSale.Order(), titles.Order());
        Assert.DoesNotContain("Winter Jazz Night", home.Markup);
        Assert.Empty(home.FindAll(".empty-state"));
    }

    [Fact]
    public async Task Shows_each_products_lowest_price_in_won()
    {
        var home = await RenderHomeAsync("en");

        Assert.Equal("from ₩14,000", PriceOf(home, "Starfall Harbor"));
        Assert.Equal("from ₩66,000", PriceOf(home, "Aurora Lights: Live in Seoul"));
        Assert.Equal("from ₩60,000", PriceOf(home, "The Lantern Keeper"));
    }

    [Fact]
    public async Task Speaks_Korean_to_a_Korean_visitor()
    {
        var home = await RenderHomeAsync("ko");

        Assert.Equal("다가오는 공연", home.Find("h2").TextContent.Trim());
        Assert.Equal("14,000원부터", PriceOf(home, "별이 지는 항구")); // Starfall Harbor, by its Korean title
        Assert.Contains("영화", CardOf(home, "별이 지는 항구").TextContent);
    }

    private async Task<IRenderedComponent<Home>> RenderHomeAsync(string culture)
    {
        this.AddAppServices();
        await database.RegisterAndInitializeAsync(this);
        using var scope = new CultureScope(culture);

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Single(home.FindAll("[data-testid='upcoming']")), LoadLimit);
        return home;
    }

    private static AngleSharp.Dom.IElement CardOf(IRenderedComponent<Home> home, string title) =>
        home.FindAll(".product-card").Single(card => card.QuerySelector("h3")?.TextContent.Trim() == title);

    private static string? PriceOf(IRenderedComponent<Home> home, string title) =>
        CardOf(home, title).QuerySelector(".price")?.TextContent.Trim();
}
