using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;

namespace AtTicket.Domain.Tests.Bookings.Payments;

public class PaymentRequestTests
{
    private static readonly CardDetails Card = new("4242 4242 4242 4242", "08/29", "123", "Kim Minji");

    [Fact]
    public void A_request_keeps_the_amount_the_card_and_the_trimmed_key()
    {
        var request = new PaymentRequest(198_000, Card, "  hold-1:attempt-1 ");

        Assert.Equal(198_000, request.Amount);
        Assert.Same(Card, request.Card);
        Assert.Equal("hold-1:attempt-1", request.IdempotencyKey);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1_000)]
    public void The_amount_must_be_more_than_zero(long amount)
    {
        var error = Assert.Throws<DomainException>(() => new PaymentRequest(amount, Card, "key"));

        Assert.Equal("The amount to pay must be more than zero won.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void The_idempotency_key_is_required(string key)
    {
        var error = Assert.Throws<DomainException>(() => new PaymentRequest(1_000, Card, key));

        Assert.Equal("The idempotency key is required.", error.Message);
    }

    [Fact]
    public void The_idempotency_key_is_at_most_100_characters()
    {
        Assert.Throws<DomainException>(() => new PaymentRequest(1_000, Card, new string('k', 101)));
    }

    [Fact]
    public void A_card_never_shows_more_than_its_last_four_digits_when_printed()
    {
        var text = new PaymentRequest(1_000, new CardDetails("4000-0000-0000-9995", "08/29", "987", "Kim Minji"), "key").Card.ToString();

        Assert.Contains("**** 9995", text);
        Assert.DoesNotContain("4000", text);
        Assert.DoesNotContain("987", text);
        Assert.DoesNotContain("08/29", text);
        Assert.DoesNotContain("Kim Minji", text);
    }

    [Fact]
    public void A_card_gives_its_digits_without_spaces_or_dashes()
    {
        var card = new CardDetails("4000 0000-0000 0119", "08/29", "123", "Kim Minji");

        Assert.Equal("4000000000000119", card.Digits);
        Assert.Equal("0119", card.LastFour);
    }

    [Theory]
    [InlineData(PaymentOutcome.Approved, true)]
    [InlineData(PaymentOutcome.Declined, false)]
    [InlineData(PaymentOutcome.InsufficientFunds, false)]
    [InlineData(PaymentOutcome.GatewayError, false)]
    public void Only_an_approved_result_counts_as_paid(PaymentOutcome outcome, bool approved)
    {
        Assert.Equal(approved, new PaymentResult(outcome, "ref", "message").IsApproved);
    }
}
