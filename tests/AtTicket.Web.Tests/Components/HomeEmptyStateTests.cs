using AtTicket.Web.Components.Home;
using Bunit;

namespace AtTicket.Web.Tests.Components;

/// <summary>The home page on a database with no catalog at all.</summary>
public sealed class HomeEmptyStateTests(EmptyCatalogDatabase database) : BunitContext, IClassFixture<EmptyCatalogDatabase>
{
    [Fact]
    public async Task Shows_the_empty_state_when_nothing_is_on_sale()
    {
        this.AddAppServices();
        await database.RegisterAndInitializeAsync(this);
        using var english = new CultureScope("en");

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Single(home.FindAll(".empty-state")), HomeTests.LoadLimit);
        Assert.Contains("Nothing on sale right now", home.Find(".empty-state").TextContent);
        Assert.Empty(home.FindAll("[data-testid='upcoming']"));
        Assert.Empty(home.FindAll(".mud-skeleton"));
    }
}
