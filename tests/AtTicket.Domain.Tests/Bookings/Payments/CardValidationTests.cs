using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Bookings.Payments;

public class CardValidationTests
{
    // 15 March 2026, noon UTC.
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    private static FakeTimeProvider Clock() => new(Now);

    private static CardDetails Card(string number = "4242 4242 4242 4242", string expiry = "08/29", string cvc = "123", string holderName = "Kim Minji") =>
        new(number, expiry, cvc, holderName);

    private static string RefusalOf(CardDetails card) =>
        Assert.Throws<DomainException>(() => CardValidation.Ensure(card, Clock())).Message;

    [Theory]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("4242424242424242")]
    [InlineData("4242-4242-4242-4242")]
    [InlineData("4000 0000 0000 0002")]
    [InlineData("4000 0000 0000 9995")]
    [InlineData("4000 0000 0000 0119")]
    [InlineData("5555 5555 5555 4444")]
    [InlineData("3782 822463 10005")]
    public void A_complete_card_with_a_Luhn_valid_number_passes(string number)
    {
        var error = Record.Exception(() => CardValidation.Ensure(Card(number: number), Clock()));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("4242424242424242", true)]
    [InlineData("4242424242424241", false)]
    [InlineData("4000000000000002", true)]
    [InlineData("4000000000000003", false)]
    [InlineData("79927398713", true)]
    [InlineData("79927398710", false)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("4242 4242", false)]
    public void PassesLuhn_follows_the_mod_10_check(string digits, bool expected)
    {
        Assert.Equal(expected, CardValidation.PassesLuhn(digits));
    }

    [Fact]
    public void A_number_with_a_typing_mistake_fails_the_Luhn_check()
    {
        var message = RefusalOf(Card(number: "4242 4242 4242 4241"));

        Assert.Equal("The card number is not valid; check it for a typing mistake.", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_number_is_refused(string number)
    {
        Assert.Equal("Enter the card number.", RefusalOf(Card(number: number)));
    }

    [Theory]
    [InlineData("4242 4242 4242 424a")]
    [InlineData("4242.4242.4242.4242")]
    public void A_number_with_other_characters_than_digits_spaces_and_dashes_is_refused(string number)
    {
        Assert.Equal("The card number may contain only digits, spaces and dashes.", RefusalOf(Card(number: number)));
    }

    [Theory]
    [InlineData("42424242426")] // 11 digits, Luhn-valid
    [InlineData("42424242424242424242")] // 20 digits
    public void A_number_too_short_or_too_long_is_refused(string number)
    {
        Assert.Equal("The card number must have 12 to 19 digits.", RefusalOf(Card(number: number)));
    }

    [Theory]
    [InlineData("03/26")] // this month: good until its last moment
    [InlineData("04/26")]
    [InlineData("12/99")]
    [InlineData(" 08/29 ")]
    public void An_expiry_this_month_or_later_passes(string expiry)
    {
        var error = Record.Exception(() => CardValidation.Ensure(Card(expiry: expiry), Clock()));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("02/26")]
    [InlineData("12/25")]
    [InlineData("03/20")]
    public void An_expiry_before_this_month_is_refused(string expiry)
    {
        Assert.Equal("The card has expired.", RefusalOf(Card(expiry: expiry)));
    }

    [Fact]
    public void A_card_expires_when_its_expiry_month_ends()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 23, 59, 59, TimeSpan.Zero));
        var card = Card(expiry: "03/26");

        CardValidation.Ensure(card, clock);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("The card has expired.", Assert.Throws<DomainException>(() => CardValidation.Ensure(card, clock)).Message);
    }

    [Theory]
    [InlineData("0829")]
    [InlineData("8/29")]
    [InlineData("08/2029")]
    [InlineData("08-29")]
    [InlineData("ab/cd")]
    [InlineData("08/29/01")]
    public void An_expiry_not_written_MM_YY_is_refused(string expiry)
    {
        Assert.Equal("Enter the expiry date as MM/YY, for example 08/29.", RefusalOf(Card(expiry: expiry)));
    }

    [Theory]
    [InlineData("00/29")]
    [InlineData("13/29")]
    public void An_expiry_month_outside_01_to_12_is_refused(string expiry)
    {
        Assert.Equal("The expiry month must be between 01 and 12.", RefusalOf(Card(expiry: expiry)));
    }

    [Fact]
    public void A_missing_expiry_is_refused()
    {
        Assert.Equal("Enter the card's expiry date.", RefusalOf(Card(expiry: " ")));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("1234")]
    public void A_CVC_of_3_or_4_digits_passes(string cvc)
    {
        var error = Record.Exception(() => CardValidation.Ensure(Card(cvc: cvc), Clock()));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("12345")]
    [InlineData("12a")]
    [InlineData("1 23")]
    public void A_CVC_that_is_not_3_or_4_digits_is_refused(string cvc)
    {
        Assert.Equal("The security code (CVC) must be 3 or 4 digits.", RefusalOf(Card(cvc: cvc)));
    }

    [Fact]
    public void A_missing_CVC_is_refused()
    {
        Assert.Equal("Enter the card's security code (CVC).", RefusalOf(Card(cvc: "")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void The_holder_name_is_required(string holderName)
    {
        Assert.Equal("The cardholder's name is required.", RefusalOf(Card(holderName: holderName)));
    }

    [Fact]
    public void A_holder_name_longer_than_100_characters_is_refused()
    {
        Assert.Equal("The cardholder's name must be at most 100 characters.", RefusalOf(Card(holderName: new string('K', 101))));
    }

    [Fact]
    public void The_number_is_checked_before_the_other_fields()
    {
        var message = RefusalOf(new CardDetails("1234 5678 9012 3456", "01/20", "1", ""));

        Assert.Equal("The card number is not valid; check it for a typing mistake.", message);
    }
}
