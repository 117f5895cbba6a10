using AtTicket.Domain.Catalog;
using AtTicket.Domain.Common;

namespace AtTicket.Domain.Tests.Catalog;

public class ProductTests
{
    [Fact]
    public void A_new_product_is_a_draft()
    {
        var product = new ProductBuilder().Build();

        Assert.Equal(ProductStatus.Draft, product.Status);
    }

    [Fact]
    public void A_new_product_keeps_its_details_with_text_trimmed()
    {
        var product = new ProductBuilder()
            .WithTitle("  Hamlet  ")
            .WithCategory(ProductCategory.Movie)
            .WithDescription("  A prince.  ")
            .WithRunningMinutes(120)
            .WithAgeRating(" 15+ ")
            .WithSalePeriod(TestClock.Start, TestClock.Start.AddDays(3))
            .Build();

        Assert.Equal("Hamlet", product.Title);
        Assert.Equal(ProductCategory.Movie, product.Category);
        Assert.Equal("A prince.", product.Description);
        Assert.Equal(120, product.RunningMinutes);
        Assert.Equal("15+", product.AgeRating);
        Assert.Equal(TestClock.Start, product.SalesStart);
        Assert.Equal(TestClock.Start.AddDays(3), product.SalesEnd);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Title_is_required(string? title)
    {
        Assert.Throws<DomainException>(() => new ProductBuilder().WithTitle(title).Build());
    }

    [Fact]
    public void Title_of_200_characters_is_accepted()
    {
        var product = new ProductBuilder().WithTitle(new string('t', Product.TitleMaxLength)).Build();

        Assert.Equal(Product.TitleMaxLength, product.Title.Length);
    }

    [Fact]
    public void Title_longer_than_200_characters_is_refused()
    {
        Assert.Throws<DomainException>(() => new ProductBuilder().WithTitle(new string('t', Product.TitleMaxLength + 1)).Build());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void Running_time_must_be_at_least_one_minute(int minutes)
    {
        Assert.Throws<DomainException>(() => new ProductBuilder().WithRunningMinutes(minutes).Build());
    }

    [Fact]
    public void Running_time_must_be_at_most_24_hours()
    {
        Assert.Throws<DomainException>(() => new ProductBuilder().WithRunningMinutes(24 * 60 + 1).Build());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24 * 60)]
    public void Running_time_from_one_minute_to_24_hours_is_accepted(int minutes)
    {
        var product = new ProductBuilder().WithRunningMinutes(minutes).Build();

        Assert.Equal(minutes, product.RunningMinutes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Sale_period_must_end_after_it_starts(int endOffsetMinutes)
    {
        var start = TestClock.Start;

        Assert.Throws<DomainException>(
            () => new ProductBuilder().WithSalePeriod(start, start.AddMinutes(endOffsetMinutes)).Build());
    }

    [Theory]
    [InlineData(ProductCategory.Concert)]
    [InlineData(ProductCategory.Musical)]
    [InlineData(ProductCategory.Movie)]
    public void Every_known_category_is_accepted(ProductCategory category)
    {
        var product = new ProductBuilder().WithCategory(category).Build();

        Assert.Equal(category, product.Category);
    }

    [Fact]
    public void Unknown_category_is_refused()
    {
        Assert.Throws<DomainException>(() => new ProductBuilder().WithCategory((ProductCategory)99).Build());
    }

    [Fact]
    public void Missing_description_becomes_empty()
    {
        var product = new ProductBuilder().WithDescription(null).Build();

        Assert.Equal(string.Empty, product.Description);
    }

    [Fact]
    public void Description_longer_than_4000_characters_is_refused()
    {
        Assert.Throws<DomainException>(
            () => new ProductBuilder().WithDescription(new string('d', Product.DescriptionMaxLength + 1)).Build());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Age_rating_is_required(string? ageRating)
    {
        Assert.Throws<DomainException>(() => new ProductBuilder().WithAgeRating(ageRating).Build());
    }

    [Fact]
    public void Age_rating_longer_than_20_characters_is_refused()
    {
        Assert.Throws<DomainException>(() => new ProductBuilder().WithAgeRating(new string('a', 21)).Build());
    }

    [Fact]
    public void Update_replaces_the_details()
    {
        var product = new ProductBuilder().Build();
        var end = TestClock.Start.AddDays(60);

        product.Update(new ProductTerms("Cats", ProductCategory.Concert, "Jellicle.", 150, "All", TestClock.Start, end));

        Assert.Equal("Cats", product.Title);
        Assert.Equal(ProductCategory.Concert, product.Category);
        Assert.Equal("Jellicle.", product.Description);
        Assert.Equal(150, product.RunningMinutes);
        Assert.Equal("All", product.AgeRating);
        Assert.Equal(end, product.SalesEnd);
    }

    [Fact]
    public void Update_with_an_invalid_sale_period_leaves_the_product_unchanged()
    {
        var product = new ProductBuilder().WithTitle("Hamlet").Build();

        Assert.Throws<DomainException>(
            () => product.Update(new ProductTerms("Cats", ProductCategory.Concert, "", 150, "All", TestClock.Start, TestClock.Start)));

        Assert.Equal("Hamlet", product.Title);
        Assert.Equal(ProductCategory.Musical, product.Category);
    }

    [Fact]
    public void Update_with_a_too_long_description_leaves_the_product_unchanged()
    {
        var product = new ProductBuilder().WithTitle("Hamlet").WithDescription("A prince.").Build();
        var tooLong = new string('d', Product.DescriptionMaxLength + 1);

        Assert.Throws<DomainException>(
            () => product.Update(new ProductTerms("Cats", ProductCategory.Concert, tooLong, 150, "All", TestClock.Start, TestClock.Start.AddDays(1))));

        Assert.Equal("Hamlet", product.Title);
        Assert.Equal(ProductCategory.Musical, product.Category);
        Assert.Equal("A prince.", product.Description);
    }

    [Fact]
    public void Update_with_a_missing_age_rating_leaves_the_product_unchanged()
    {
        var product = new ProductBuilder().WithTitle("Hamlet").WithRunningMinutes(170).Build();

        Assert.Throws<DomainException>(
            () => product.Update(new ProductTerms("Cats", ProductCategory.Concert, "", 150, " ", TestClock.Start, TestClock.Start.AddDays(1))));

        Assert.Equal("Hamlet", product.Title);
        Assert.Equal(170, product.RunningMinutes);
    }

    [Fact]
    public void SetPoster_keeps_a_trimmed_address()
    {
        var product = new ProductBuilder().Build();

        product.SetPoster("  /posters/hamlet.jpg ");

        Assert.Equal("/posters/hamlet.jpg", product.PosterUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void SetPoster_with_a_blank_address_removes_the_poster(string? posterUrl)
    {
        var product = new ProductBuilder().Build();
        product.SetPoster("/posters/hamlet.jpg");

        product.SetPoster(posterUrl);

        Assert.Null(product.PosterUrl);
    }

    [Fact]
    public void PutOnSale_moves_a_draft_on_sale()
    {
        var product = new ProductBuilder().Build();

        product.PutOnSale();

        Assert.Equal(ProductStatus.OnSale, product.Status);
    }

    [Fact]
    public void Close_moves_a_product_on_sale_to_closed()
    {
        var product = new ProductBuilder().Build();
        product.PutOnSale();

        product.Close();

        Assert.Equal(ProductStatus.Closed, product.Status);
    }

    [Fact]
    public void PutOnSale_reopens_a_closed_product()
    {
        var product = new ProductBuilder().Build();
        product.PutOnSale();
        product.Close();

        product.PutOnSale();

        Assert.Equal(ProductStatus.OnSale, product.Status);
    }

    [Fact]
    public void PutOnSale_fails_when_the_product_is_already_on_sale()
    {
        var product = new ProductBuilder().Build();
        product.PutOnSale();

        Assert.Throws<DomainException>(product.PutOnSale);
        Assert.Equal(ProductStatus.OnSale, product.Status);
    }

    [Fact]
    public void Close_fails_for_a_draft()
    {
        var product = new ProductBuilder().Build();

        Assert.Throws<DomainException>(product.Close);
        Assert.Equal(ProductStatus.Draft, product.Status);
    }

    [Fact]
    public void Close_fails_for_a_closed_product()
    {
        var product = new ProductBuilder().Build();
        product.PutOnSale();
        product.Close();

        Assert.Throws<DomainException>(product.Close);
        Assert.Equal(ProductStatus.Closed, product.Status);
    }
}
