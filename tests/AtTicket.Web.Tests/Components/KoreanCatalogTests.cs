using AtTicket.Web.Components.Catalog;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Components;

/// <summary>The browse page in Korean shows and searches the demo catalog's Korean show data.</summary>
public sealed class KoreanCatalogTests(DemoCatalogDatabase database) : BunitContext, IClassFixture<DemoCatalogDatabase>
{
    [Fact]
    public async Task Korean_readers_see_Korean_titles_and_venue_names()
    {
        using var culture = new CultureScope("ko-KR");

        var page = await RenderAtAsync("/products?category=movie");

        Assert.Equal(["별이 지는 항구", "막차를 놓친 밤"], Titles(page));
        Assert.All(page.FindAll("[data-testid=results] .mud-card-content"), card => Assert.Contains("시네 한강", card.TextContent));
        Assert.DoesNotContain("Starfall Harbor", page.Markup);
    }

    [Fact]
    public async Task English_readers_see_the_default_titles_of_the_same_products()
    {
        using var culture = new CultureScope("en-US");

        var page = await RenderAtAsync("/products?category=movie");

        Assert.Equal(["Starfall Harbor", "The Last Tram Home"], Titles(page));
        Assert.DoesNotContain("별이 지는 항구", page.Markup);
    }

    [Fact]
    public async Task Search_finds_a_product_by_words_of_its_Korean_title()
    {
        using var culture = new CultureScope("ko-KR");

        var page = await RenderAtAsync($"/products?q={Uri.EscapeDataString("베토벤")}");

        Assert.Equal(["서울 필하모닉: 베토벤 교향곡 9번 '합창'"], Titles(page));
    }

    [Theory]
    [InlineData("ko-KR", "대학로", new[] { "등대지기", "한옥 위의 달빛" })]
    [InlineData("en-US", "대학로", new[] { "The Lantern Keeper", "Moonlight over Hanok" })]
    [InlineData("en-US", "Daehangno", new[] { "The Lantern Keeper", "Moonlight over Hanok" })]
    public async Task Search_finds_the_products_at_a_venue_named_in_either_language(string cultureName, string venue, string[] titles)
    {
        using var culture = new CultureScope(cultureName);

        var page = await RenderAtAsync($"/products?q={Uri.EscapeDataString(venue)}");

        Assert.Equal(titles, Titles(page));
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
