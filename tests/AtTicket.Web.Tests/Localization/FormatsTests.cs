using System.Globalization;
using AtTicket.Web.Localization;

namespace AtTicket.Web.Tests.Localization;

public sealed class FormatsTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko");

    [Theory]
    [InlineData(165_000, "₩165,000")]
    [InlineData(14_000, "₩14,000")]
    [InlineData(1_234_567, "₩1,234,567")]
    [InlineData(500, "₩500")]
    [InlineData(0, "₩0")]
    public void Won_in_English_has_the_sign_first_and_comma_groups(long amount, string expected) =>
        Assert.Equal(expected, Formats.Krw(amount, English));

    [Theory]
    [InlineData(165_000, "165,000원")]
    [InlineData(14_000, "14,000원")]
    [InlineData(1_234_567, "1,234,567원")]
    [InlineData(0, "0원")]
    public void Won_in_Korean_has_the_unit_after_the_number(long amount, string expected) =>
        Assert.Equal(expected, Formats.Krw(amount, Korean));

    [Theory]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void Won_outside_Korean_never_takes_the_cultures_own_separators(string culture) =>
        Assert.Equal("₩1,234,567", Formats.Krw(1_234_567, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void Won_in_regional_Korean_is_written_the_Korean_way() =>
        Assert.Equal("99,000원", Formats.Krw(99_000, CultureInfo.GetCultureInfo("ko-KR")));

    [Fact]
    public void Won_follows_the_current_culture_when_none_is_given()
    {
        string english, korean;
        using (new CultureScope("en"))
        {
            english = Formats.Krw(66_000);
        }

        using (new CultureScope("ko"))
        {
            korean = Formats.Krw(66_000);
        }

        Assert.Equal("₩66,000", english);
        Assert.Equal("66,000원", korean);
    }

    [Fact]
    public void Date_and_time_are_shown_in_Korea_Standard_Time_and_say_so()
    {
        var tenUtc = new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("Thu 24 Dec 2026, 19:00 KST", Formats.DateTime(tenUtc, English));
        Assert.Equal("2026. 12. 24. (목) 19:00 (한국 시간)", Formats.DateTime(tenUtc, Korean));
        Assert.Equal("19:00:00 KST", Formats.Time(tenUtc));
    }

    [Fact]
    public void Date_rolls_over_to_the_next_day_in_Seoul()
    {
        var lateEveningUtc = new DateTimeOffset(2026, 12, 24, 16, 30, 0, TimeSpan.Zero);

        Assert.Equal("Fri 25 Dec", Formats.Date(lateEveningUtc, English));
        Assert.Equal("12월 25일 (금)", Formats.Date(lateEveningUtc, Korean));
    }
}
