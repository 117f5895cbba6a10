using AtTicket.Web.Components.Catalog;
using AtTicket.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtTicket.Web.Tests.Components.Catalog;

public sealed class AgeRatingTests
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    [Theory]
    [InlineData("en", "All", "All ages")]
    [InlineData("en", "all", "All ages")]
    [InlineData("en", "12+", "Ages 12 and over")]
    [InlineData("en", "R", "Age R")]
    [InlineData("ko", "All", "전체 관람가")]
    [InlineData("ko", "15+", "15세 이상 관람가")]
    public void A_rating_code_reads_as_a_sentence(string culture, string rating, string expected)
    {
        using var scope = new CultureScope(culture);

        Assert.Equal(expected, AgeRating.Describe(rating, Localizer));
    }
}
