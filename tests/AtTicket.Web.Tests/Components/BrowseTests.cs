using AtTicket.Web.Components.Catalog;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Components;

/// <summary>The browse page's filters, which live in the address, against the demo catalog.</summary>
public sealed class BrowseTests(DemoCatalogDatabase database) : BunitContext, IClassFixture<DemoCatalogDatabase>
{
    [Fact]
    public async Task Category_in_the_address_shows_only_that_category()
    {
        var page = await RenderAtAsync("/products?category=movie");

        Assert.Equal(["Starfall Harbor", "The Last Tram Home"], Titles(page));
        Assert.Contains("2 results", page.Markup);
    }

    [Fact]
    public async Task Search_matches_part_of_a_title_in_any_case()
    {
        var page = await RenderAtAsync("/products?q=LANTERN");

        Assert.Equal(["The Lantern Keeper"], Titles(page));
    }

    [Fact]
    public async Task Venue_filter_keeps_the_products_playing_there()
    {
        var page = await RenderAtAsync("/products?venue=2");

        Assert.Equal(["The Lantern Keeper", "Moonlight over Hanok"], Titles(page));
    }

    [Fact]
    public async Task Filters_that_match_nothing_show_the_empty_state_with_a_way_out()
    {
        var page = await RenderAtAsync("/products?q=no-such-show");

        Assert.NotNull(page.Find("[data-testid=no-results]"));
        page.FindAll("button").Single(b => b.TextContent.Contains("Clear filters")).Click();
        Assert.EndsWith("/products", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Choosing_a_category_puts_it_in_the_address_and_starts_at_page_one()
    {
        var page = await RenderAtAsync("/products?page=2");

        page.FindAll(".mud-chip").Single(c => c.TextContent.Trim() == "Musical").Click();

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("category=musical", uri);
        Assert.DoesNotContain("page=", uri);
    }

    private async Task<IRenderedComponent<Browse>> RenderAtAsync(string address)
    {
        this.AddAppServices();
        await database.RegisterAndInitializeAsync(this);
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var page = Render<Browse>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")), HomeTests.LoadLimit);
        return page;
    }

    private static string[] Titles(IRenderedComponent<Browse> page) =>
        [.. page.FindAll("[data-testid=results] h3").Select(h => h.TextContent.Trim())];
}
