using AtTicket.Domain.Catalog;
using AtTicket.Web.Components.Admin.Products;
using Bunit;
using Bunit.Rendering;

namespace AtTicket.Web.Tests.Admin.Products;

public sealed class ProductListTests : ProductPagesContext
{
    [Fact]
    public async Task Lists_every_product_with_its_status_drafts_included()
    {
        await AddProductAsync("Aurora Lights", status: ProductStatus.OnSale);
        await AddProductAsync("Winter Jazz Night");

        var page = RenderProductList();

        page.WaitForAssertion(() => Assert.Equal(["Aurora Lights", "Winter Jazz Night"], Titles(page).Order()));
        Assert.Contains("On sale", RowOf(page, "Aurora Lights"));
        Assert.Contains("Draft", RowOf(page, "Winter Jazz Night"));
    }

    [Fact]
    public async Task The_search_box_filters_by_title()
    {
        await AddProductAsync("Aurora Lights");
        await AddProductAsync("The Lantern Keeper", ProductCategory.Musical);
        var page = RenderProductList();
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count));

        page.Find("#product-search").Input("lantern");

        page.WaitForAssertion(() => Assert.Equal(["The Lantern Keeper"], Titles(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_category_filter_shows_only_that_category()
    {
        await AddProductAsync("Aurora Lights", ProductCategory.Concert);
        await AddProductAsync("The Lantern Keeper", ProductCategory.Musical);
        await AddProductAsync("Starfall Harbor", ProductCategory.Movie);
        var page = RenderProductList();
        page.WaitForAssertion(() => Assert.Equal(3, Titles(page).Count));

        await ChooseAsync(page, ".category-filter", "Musical");

        page.WaitForAssertion(() => Assert.Equal(["The Lantern Keeper"], Titles(page)));
    }

    [Fact]
    public async Task Filters_that_match_nothing_show_an_empty_state()
    {
        await AddProductAsync("Aurora Lights");
        var page = RenderProductList();
        page.WaitForAssertion(() => Assert.Single(Titles(page)));

        page.Find("#product-search").Input("no such show");

        page.WaitForAssertion(() => Assert.Contains("No products match these filters.", page.Find("[data-testid=empty]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Deleting_a_product_nobody_booked_removes_it()
    {
        await AddProductAsync("Cancelled Tour");
        var page = RenderProductList();
        page.WaitForAssertion(() => Assert.Single(Titles(page)));

        await ClickAsync(page, "[data-testid=delete]");
        await ClickAsync(page, "[data-testid=confirm-delete]");

        page.WaitForAssertion(() => Assert.Empty(Titles(page)));
        Assert.Null(await FindProductAsync("Cancelled Tour"));
    }

    [Fact]
    public async Task Deleting_a_booked_product_offers_to_close_its_sales_instead()
    {
        var id = await AddProductAsync("Sold Out Gala", status: ProductStatus.OnSale);
        await AddBookingAsync(id);
        var page = RenderProductList();
        page.WaitForAssertion(() => Assert.Single(Titles(page)));

        await ClickAsync(page, "[data-testid=delete]");
        await ClickAsync(page, "[data-testid=confirm-delete]");

        page.WaitForElement("[data-testid=close-instead]");
        Assert.Contains("cannot be deleted", page.Find(".mud-dialog").TextContent);
        Assert.NotNull(await FindProductAsync("Sold Out Gala"));

        await ClickAsync(page, "[data-testid=close-instead]");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Equal(ProductStatus.Closed, (await FindProductAsync("Sold Out Gala"))!.Status);
        page.WaitForAssertion(() => Assert.Contains("Closed", RowOf(page, "Sold Out Gala")));
    }

    private static List<string> Titles(IRenderedComponent<ContainerFragment> page) =>
        [.. page.FindAll("td .product-title").Select(t => t.TextContent.Trim())];

    private static string RowOf(IRenderedComponent<ContainerFragment> page, string title) =>
        page.FindAll("tr").Single(r => r.QuerySelector(".product-title")?.TextContent.Trim() == title).TextContent;
}
