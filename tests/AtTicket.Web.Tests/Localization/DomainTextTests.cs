using System.Globalization;
using System.Reflection;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtTicket.Web.Tests.Localization;

/// <summary>The Domain's English sentences reach Korean members in Korean, numbers included.</summary>
public sealed class DomainTextTests
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    public static TheoryData<string> MemberFacingSentences()
    {
        // Every sentence a domain service or the payment gateway hands to a page as a named constant.
        var types = new[] { typeof(BookingService), typeof(BookingCancellation), typeof(Booking), typeof(SimulatedPaymentGateway) };
        var sentences = types
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Message", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);
        return [.. sentences];
    }

    [Theory]
    [MemberData(nameof(MemberFacingSentences))]
    public void A_domain_sentence_is_shown_in_Korean(string sentence)
    {
        var korean = InKorean(() => Localizer.Localize(sentence));

        Assert.NotEqual(sentence, korean);
        Assert.Matches(@"\p{IsHangulSyllables}", korean);
    }

    [Fact]
    public void A_limit_with_its_number_is_shown_in_Korean_with_the_same_number()
    {
        var limits = new BookingLimits { MaxSeatsPerBooking = 6 };
        var refusal = Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 7, seatsAlreadyOwnedForPerformance: 0, activeHolds: 0));

        var korean = InKorean(() => Localizer.Localize(refusal.Message));

        Assert.Equal("한 번에 최대 6석까지 예매할 수 있습니다.", korean);
    }

    public static TheoryData<string> CardMistakes() =>
    [
        "number:", "number:4242 42x2", "number:4242", "number:4242 4242 4242 4241",
        "expiry:", "expiry:1229", "expiry:13/29", "expiry:01/20",
        "cvc:", "cvc:12",
    ];

    [Theory]
    [MemberData(nameof(CardMistakes))]
    public void Every_card_mistake_the_form_can_send_is_named_in_Korean(string mistake)
    {
        var (field, value) = (mistake.Split(':')[0], mistake.Split(':')[1]);
        Action check = field switch
        {
            "number" => () => CardValidation.EnsureNumber(value),
            "expiry" => () => CardValidation.EnsureExpiry(value, DateTimeOffset.UtcNow),
            _ => () => CardValidation.EnsureCvc(value),
        };
        var refusal = Assert.Throws<DomainException>(check);

        var korean = InKorean(() => Localizer.Localize(refusal.Message));

        Assert.NotEqual(refusal.Message, korean);
        Assert.Matches(@"\p{IsHangulSyllables}", korean);
    }

    [Fact]
    public void A_sentence_without_a_translation_stays_English_and_nothing_is_empty()
    {
        Assert.Equal("Something nobody translated, 42 times.", InKorean(() => Localizer.Localize("Something nobody translated, 42 times.")));
        Assert.Equal(string.Empty, Localizer.Localize(null));
    }

    [Fact]
    public void English_members_read_the_sentence_as_the_domain_wrote_it()
    {
        var english = InCulture("en-US", () => Localizer.Localize("You can book at most 6 seats at a time."));

        Assert.Equal("You can book at most 6 seats at a time.", english);
    }

    private static string InKorean(Func<string> read) => InCulture("ko-KR", read);

    private static string InCulture(string culture, Func<string> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
