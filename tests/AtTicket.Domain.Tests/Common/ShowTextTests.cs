using System.Globalization;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Common;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Common;

public class ShowTextTests
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public void Korean_readers_see_the_Korean_text()
    {
        Assert.Equal("베토벤 교향곡", ShowText.For(Korean, "Beethoven Symphonies", "베토벤 교향곡"));
    }

    [Fact]
    public void Other_readers_see_the_default_text()
    {
        Assert.Equal("Beethoven Symphonies", ShowText.For(English, "Beethoven Symphonies", "베토벤 교향곡"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Korean_readers_see_the_default_text_when_there_is_no_Korean_one(string? korean)
    {
        Assert.Equal("Hamlet", ShowText.For(Korean, "Hamlet", korean));
    }

    [Fact]
    public void A_product_keeps_its_Korean_title_and_description_trimmed()
    {
        var product = new ProductBuilder().Build();

        product.SetKoreanText("  햄릿  ", "  덴마크의 왕자.\n복수극.  ");

        Assert.Equal("햄릿", product.TitleKo);
        Assert.Equal("덴마크의 왕자.\n복수극.", product.DescriptionKo);
    }

    [Fact]
    public void A_product_without_Korean_text_has_it_empty()
    {
        var product = new ProductBuilder().Build();

        product.SetKoreanText(null, null);

        Assert.Equal(string.Empty, product.TitleKo);
        Assert.Equal(string.Empty, product.DescriptionKo);
    }

    [Theory]
    [InlineData("햄릿\u202E")]
    [InlineData("햄릿\n2막")]
    public void A_Korean_title_with_hidden_characters_is_refused(string title)
    {
        var product = new ProductBuilder().Build();

        var refusal = Assert.Throws<DomainException>(() => product.SetKoreanText(title, null));

        Assert.Equal("The Korean title must not contain control or text-direction override characters.", refusal.Message);
        Assert.Equal(string.Empty, product.TitleKo);
    }

    [Fact]
    public void A_Korean_title_longer_than_the_default_limit_is_refused()
    {
        var product = new ProductBuilder().Build();

        var refusal = Assert.Throws<DomainException>(() => product.SetKoreanText(new string('가', Product.TitleMaxLength + 1), null));

        Assert.Equal($"The Korean title must be at most {Product.TitleMaxLength} characters.", refusal.Message);
    }

    [Fact]
    public void A_Korean_description_with_an_override_character_is_refused_and_changes_nothing()
    {
        var product = new ProductBuilder().Build();

        var refusal = Assert.Throws<DomainException>(() => product.SetKoreanText("햄릿", "왕자\u2066"));

        Assert.Equal("The Korean description must not contain control or text-direction override characters.", refusal.Message);
        Assert.Equal(string.Empty, product.TitleKo);
    }

    [Fact]
    public void A_venue_and_its_hall_keep_their_Korean_names_trimmed()
    {
        var venue = new Venue("Hanbit Concert Hall", "Seocho-gu, Seoul");
        var hall = venue.AddHall("Main Hall");

        venue.SetKoreanText(" 한빛 콘서트홀 ", "서울 서초구");
        hall.SetKoreanName(" 대공연장 ");

        Assert.Equal("한빛 콘서트홀", venue.NameKo);
        Assert.Equal("서울 서초구", venue.AddressKo);
        Assert.Equal("대공연장", hall.NameKo);
    }

    [Fact]
    public void A_Korean_venue_address_that_is_too_long_is_refused_and_changes_nothing()
    {
        var venue = new Venue("Hanbit Concert Hall", "Seocho-gu, Seoul");

        var refusal = Assert.Throws<DomainException>(() => venue.SetKoreanText("한빛", new string('가', Venue.MaxAddressLength + 1)));

        Assert.Equal($"The Korean address must be at most {Venue.MaxAddressLength} characters.", refusal.Message);
        Assert.Equal(string.Empty, venue.NameKo);
    }

    [Fact]
    public void A_Korean_hall_name_with_a_control_character_is_refused()
    {
        var hall = new Venue("Hanbit Concert Hall", string.Empty).AddHall("Main Hall");

        var refusal = Assert.Throws<DomainException>(() => hall.SetKoreanName("대공연장\u0007"));

        Assert.Equal("The Korean hall name must not contain control or text-direction override characters.", refusal.Message);
    }
}
