using AtTicket.Domain.Catalog;
using AtTicket.Web.Components.Admin.Products;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Admin.Products;

public sealed class ProductEditorTests : ProductPagesContext
{
    [Fact]
    public async Task An_empty_title_shows_a_message_and_nothing_is_saved()
    {
        var page = RenderNewProductForm();
        FillValidForm(page, title: "");

        Save(page);

        page.WaitForAssertion(() => Assert.Contains("Enter a title.", TextBeside(page, "#product-title")));
        Assert.Equal(0, await CountProductsAsync());
    }

    [Fact]
    public async Task A_title_longer_than_200_characters_shows_a_message_and_nothing_is_saved()
    {
        var page = RenderNewProductForm();
        FillValidForm(page, title: new string('x', Product.TitleMaxLength + 1));

        Save(page);

        page.WaitForAssertion(() => Assert.Contains("The title must be at most 200 characters.", TextBeside(page, "#product-title")));
        Assert.Equal(0, await CountProductsAsync());
    }

    [Fact]
    public async Task A_running_time_of_zero_shows_a_message_and_nothing_is_saved()
    {
        var page = RenderNewProductForm();
        FillValidForm(page, title: "Zero Minutes");
        page.Find("#product-running-minutes").Change("0");

        Save(page);

        page.WaitForAssertion(() => Assert.Contains("The running time must be between 1 and 1440 minutes.", TextBeside(page, "#product-running-minutes")));
        Assert.Null(await FindProductAsync("Zero Minutes"));
    }

    [Fact]
    public async Task A_sale_that_ends_before_it_starts_shows_a_message_and_nothing_is_saved()
    {
        var page = RenderNewProductForm();
        FillValidForm(page, title: "Backwards Sale");
        page.Find("#sales-start-date").Change("2026-03-10");
        page.Find("#sales-end-date").Change("2026-03-01");

        Save(page);

        page.WaitForAssertion(() => Assert.Contains("The sale period must end after it starts.", TextBeside(page, "#sales-end-date")));
        Assert.Null(await FindProductAsync("Backwards Sale"));
    }

    [Fact]
    public async Task A_title_with_a_text_direction_override_shows_a_message_and_nothing_is_saved()
    {
        var page = RenderNewProductForm();
        FillValidForm(page, title: "Hamlet \u202Egnp.exe");

        Save(page);

        page.WaitForAssertion(() => Assert.Contains(
            "The title must not contain control or text-direction override characters.", TextBeside(page, "#product-title")));
        Assert.Equal(0, await CountProductsAsync());
    }

    [Theory]
    [InlineData("#sales-end-date", "2100-01-05", "The end of sales")]
    [InlineData("#sales-end-date", "0001-01-01", "The end of sales")]
    [InlineData("#sales-start-date", "0001-01-01", "The start of sales")]
    public async Task A_sale_date_outside_the_date_window_shows_a_message_and_nothing_is_saved(string field, string date, string subject)
    {
        var page = RenderNewProductForm();
        FillValidForm(page, title: "Forever Sale");
        page.Find(field).Change(date);

        Save(page);

        page.WaitForAssertion(() => Assert.Contains(
            $"{subject} must fall between the years 2000 and 2099.", TextBeside(page, field)));
        Assert.Null(await FindProductAsync("Forever Sale"));
    }

    [Fact]
    public async Task A_valid_form_saves_the_product_with_its_sale_period_in_Korea_time()
    {
        var page = RenderNewProductForm();
        FillValidForm(page, title: "Spring Strings");
        page.Find("#sales-start-date").Change("2026-03-01");
        page.Find("#sales-start-time").Change("10:00");
        page.Find("#sales-end-date").Change("2026-03-31");
        page.Find("#sales-end-time").Change("22:30");

        Save(page);

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/admin/products", navigation.Uri));
        var saved = await FindProductAsync("Spring Strings");
        Assert.NotNull(saved);
        Assert.Equal(95, saved.RunningMinutes);
        Assert.Equal("12+", saved.AgeRating);
        Assert.Equal(ProductStatus.Draft, saved.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero), saved.SalesStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 13, 30, 0, TimeSpan.Zero), saved.SalesEnd);
    }

    [Fact]
    public void A_new_product_is_a_draft_on_sale_from_today_for_30_days()
    {
        var page = RenderNewProductForm();

        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).Date;
        Assert.Equal(today.ToString("yyyy-MM-dd"), page.Find("#sales-start-date").GetAttribute("value"));
        Assert.Equal(today.AddDays(30).ToString("yyyy-MM-dd"), page.Find("#sales-end-date").GetAttribute("value"));
        Assert.Contains("Draft", page.Find(".status-select").TextContent);
    }

    [Fact]
    public async Task Editing_a_product_on_sale_offers_only_on_sale_and_closed()
    {
        var id = await AddProductAsync("Open Air Night", status: ProductStatus.OnSale);
        var page = RenderProductEditor(id);
        page.WaitForAssertion(() => Assert.Equal("Open Air Night", page.Find("#product-title").GetAttribute("value")));

        page.Find(".status-select").MouseDown();

        page.WaitForAssertion(() =>
        {
            var choices = page.FindAll(".mud-popover .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
            Assert.Equal(["On sale", "Closed"], choices);
        });
    }

    [Fact]
    public async Task Choosing_on_sale_shows_that_subscribers_will_be_mailed()
    {
        var page = RenderNewProductForm();
        Assert.Empty(page.FindAll("[data-testid=on-sale-note]"));

        await ChooseAsync(page, ".status-select", "On sale");

        page.WaitForAssertion(() => Assert.Contains("mailed", page.Find("[data-testid=on-sale-note]").TextContent));
    }

    [Fact]
    public async Task A_move_the_domain_refuses_shows_as_an_error_on_the_form()
    {
        var id = await AddProductAsync("Second Opinion");
        var page = RenderProductEditor(id);
        page.WaitForElement("#product-title");

        // Another admin puts it on sale while this form still says Draft, and a product on sale never goes back to draft.
        var product = await Products.FindAsync(id, Cancellation);
        await Products.UpdateAsync(id, ProductFormModel.From(product!).ToInput() with { Status = ProductStatus.OnSale }, Cancellation);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        Save(page);

        page.WaitForAssertion(() => Assert.Contains(
            "A product cannot go back to draft once it has been on sale.",
            page.Find("[data-testid=save-error]").TextContent));
        Assert.Equal(before, navigation.Uri);
    }

    private IRenderedComponent<ContainerFragment> RenderNewProductForm()
    {
        var page = RenderProductEditor();
        page.WaitForElement("#product-title");
        return page;
    }

    private static void FillValidForm(IRenderedComponent<ContainerFragment> page, string title)
    {
        page.Find("#product-title").Change(title);
        page.Find("#product-running-minutes").Change("95");
        page.FindAll(".age-ratings label.mud-radio").Single(r => r.TextContent.Trim() == "12+").QuerySelector("input")!.Click();
    }

    /// <summary>The text of the field around the input: its label, value and the message under it.</summary>
    private static string TextBeside(IRenderedComponent<ContainerFragment> page, string inputSelector) =>
        page.Find(inputSelector).Closest(".mud-input-control")!.TextContent;

    private static void Save(IRenderedComponent<ContainerFragment> page) => page.Find("[data-testid=save]").Click();
}
