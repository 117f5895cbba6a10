using AtTicket.Web.Components.Performances;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>The seats a guest carries through login in the return URL, and what a hand-edited one gives.</summary>
public sealed class SeatChoiceTests
{
    [Fact]
    public void Return_url_carries_the_seats_and_parses_back() =>
        Assert.Equal([101, 7], SeatChoice.Parse(new Uri("http://x" + SeatChoice.ReturnUrl(3, [101, 7])).Query.Split('=')[1], max: 4));

    [Fact]
    public void Return_url_without_seats_is_the_map() => Assert.Equal("/performances/3", SeatChoice.ReturnUrl(3, []));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,,2")]
    [InlineData("1,1")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("99999999999999999999")]
    [InlineData("1,2,3,4,5")]
    public void A_hand_edited_choice_gives_no_seats(string? value) => Assert.Empty(SeatChoice.Parse(value, max: 4));
}
