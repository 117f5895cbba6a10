namespace AtTicket.Web.Tests.Api;

/// <summary>/api/products?sort=: by next performance (the default), lowest price, or tickets sold.</summary>
public sealed class ProductSortApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static readonly string[] DemoTitles =
        ["Starfall Harbor", "The Last Tram Home", "The Lantern Keeper", "Aurora Lights: Live in Seoul", "Seoul Philharmonic: Beethoven's Ninth", "Moonlight over Hanok"];

    [Fact]
    public async Task By_default_the_next_performance_comes_first()
    {
        Assert.Equal(DemoTitles, await DemoTitlesAsync("/api/products"));
    }

    [Fact]
    public async Task Sorted_by_price_the_lowest_price_comes_first()
    {
        Assert.Equal(
            ["Starfall Harbor", "The Last Tram Home", "The Lantern Keeper", "Moonlight over Hanok", "Aurora Lights: Live in Seoul", "Seoul Philharmonic: Beethoven's Ninth"],
            await DemoTitlesAsync("/api/products?sort=price"));
    }

    [Fact]
    public async Task Sorted_by_popularity_the_most_tickets_sold_come_first()
    {
        using var admin = await app.AdminAsync();
        var marker = ProductBody.Unique("Popular");
        var setup = new AdminSetup(admin);
        var quiet = await setup.SmallShowAsync(product: ProductBody.OnSale($"{marker} Alpha"));
        var popular = await setup.SmallShowAsync(product: ProductBody.OnSale($"{marker} Beta"));
        await SeatSales.SellAsync(app.Services, popular.PerformanceId, popular.RowB[0]);
        await SeatSales.SellAsync(app.Services, popular.PerformanceId, popular.RowB[1]);
        using var client = app.Anonymous();
        var q = Uri.EscapeDataString(marker);

        var byDate = await client.GetJsonAsync($"/api/products?q={q}");
        var byPopularity = await client.GetJsonAsync($"/api/products?q={q}&sort=popularity");

        Assert.Equal([quiet.ProductId, popular.ProductId], Ids(byDate));
        Assert.Equal([popular.ProductId, quiet.ProductId], Ids(byPopularity));
    }

    [Fact]
    public async Task An_unknown_sort_is_a_400_naming_it()
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync("/api/products?sort=cheapest");

        await ApiAssert.ValidationProblemAsync(response, "sort");
    }

    private async Task<IReadOnlyList<string?>> DemoTitlesAsync(string address)
    {
        using var client = app.Anonymous();
        var page = await client.GetJsonAsync(address);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).Where(t => DemoTitles.Contains(t))];
    }

    private static IReadOnlyList<int> Ids(System.Text.Json.JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];
}
