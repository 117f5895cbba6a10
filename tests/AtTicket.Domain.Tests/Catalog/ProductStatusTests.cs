using AtTicket.Domain.Catalog;
using AtTicket.Domain.Common;

namespace AtTicket.Domain.Tests.Catalog;

/// <summary><see cref="Product.MoveTo"/>: the status an admin picks in the product form.</summary>
public class ProductStatusTests
{
    [Fact]
    public void MoveTo_on_sale_puts_a_draft_on_sale()
    {
        var product = new ProductBuilder().Build();

        product.MoveTo(ProductStatus.OnSale);

        Assert.Equal(ProductStatus.OnSale, product.Status);
    }

    [Fact]
    public void MoveTo_closed_closes_a_product_on_sale_and_on_sale_again_reopens_it()
    {
        var product = new ProductBuilder().Build();
        product.MoveTo(ProductStatus.OnSale);

        product.MoveTo(ProductStatus.Closed);
        Assert.Equal(ProductStatus.Closed, product.Status);

        product.MoveTo(ProductStatus.OnSale);
        Assert.Equal(ProductStatus.OnSale, product.Status);
    }

    [Theory]
    [InlineData(ProductStatus.OnSale)]
    [InlineData(ProductStatus.Closed)]
    public void MoveTo_draft_is_refused_once_the_product_has_been_on_sale(ProductStatus from)
    {
        var product = new ProductBuilder().Build();
        product.MoveTo(ProductStatus.OnSale);
        product.MoveTo(from);

        var refusal = Assert.Throws<DomainException>(() => product.MoveTo(ProductStatus.Draft));

        Assert.Equal("A product cannot go back to draft once it has been on sale.", refusal.Message);
        Assert.Equal(from, product.Status);
    }

    [Fact]
    public void MoveTo_draft_leaves_a_draft_as_it_is()
    {
        var product = new ProductBuilder().Build();

        product.MoveTo(ProductStatus.Draft);

        Assert.Equal(ProductStatus.Draft, product.Status);
    }

    [Fact]
    public void MoveTo_on_sale_leaves_a_product_on_sale_as_it_is_where_PutOnSale_would_refuse()
    {
        var product = new ProductBuilder().Build();
        product.MoveTo(ProductStatus.OnSale);

        product.MoveTo(ProductStatus.OnSale);

        Assert.Equal(ProductStatus.OnSale, product.Status);
        Assert.Throws<DomainException>(product.PutOnSale);
    }

    [Fact]
    public void MoveTo_closed_is_refused_for_a_draft()
    {
        var product = new ProductBuilder().Build();

        Assert.Throws<DomainException>(() => product.MoveTo(ProductStatus.Closed));
        Assert.Equal(ProductStatus.Draft, product.Status);
    }
}
