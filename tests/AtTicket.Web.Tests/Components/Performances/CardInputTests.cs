using AtTicket.Web.Components.Performances;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>How the checkout tidies what was typed before showing it back.</summary>
public sealed class CardInputTests
{
    [Theory]
    [InlineData("4242424242424242", "4242 4242 4242 4242")]
    [InlineData("4242-4242 4242-4242", "4242 4242 4242 4242")]
    [InlineData("378282246310005", "3782 822463 10005")] // American Express: 4-6-5
    [InlineData("4242 42", "4242 42")]
    [InlineData("4242 42x2", "4242 42x2")] // not a number: left for the validation to name
    [InlineData("", "")]
    public void GroupNumber_writes_the_digits_in_groups(string typed, string shown) =>
        Assert.Equal(shown, CardInput.GroupNumber(typed));

    [Theory]
    [InlineData("0829", "08/29")]
    [InlineData("8/29", "08/29")]
    [InlineData(" 08 / 29 ", "08/29")]
    [InlineData("08/29", "08/29")]
    [InlineData("829", "829")]
    [InlineData("aug 29", "aug 29")]
    public void NormalizeExpiry_writes_MM_slash_YY_when_it_can(string typed, string shown) =>
        Assert.Equal(shown, CardInput.NormalizeExpiry(typed));
}
