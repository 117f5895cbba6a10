using System.Globalization;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Queues;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Components.Admin.Performances;
using AtTicket.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtTicket.Web.Tests.Localization;

/// <summary>What the Domain says reaches Korean members in Korean: refusals and results by their code with their values.</summary>
public sealed class DomainTextTests
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    public static TheoryData<PaymentOutcome, string, string> GatewayRefusals() => new()
    {
        { PaymentOutcome.Declined, SimulatedPaymentGateway.DeclinedMessage, "카드가 거절되었습니다. 다른 카드를 사용하세요." },
        { PaymentOutcome.InsufficientFunds, SimulatedPaymentGateway.InsufficientFundsMessage, "잔액 부족으로 카드가 거절되었습니다. 다른 카드를 사용하세요." },
        { PaymentOutcome.GatewayError, SimulatedPaymentGateway.GatewayErrorMessage, "결제 서비스가 응답하지 않았습니다. 결제된 금액은 없습니다. 다시 시도하세요." },
        { PaymentOutcome.KeyReused, SimulatedPaymentGateway.KeyReusedMessage, "이 멱등 키는 이미 다른 결제에 사용되었습니다. 결제된 금액은 없습니다." },
    };

    [Theory]
    [MemberData(nameof(GatewayRefusals))]
    public void A_payment_gateway_refusal_is_shown_in_Korean_by_its_outcome_and_in_English_as_the_gateway_said_it(PaymentOutcome outcome, string english, string korean)
    {
        var declined = new ConfirmResult(ConfirmOutcome.PaymentDeclined, null, new PaymentResult(outcome, null, english).Refusal!);

        Assert.Equal(korean, InKorean(() => Localizer.Localize(declined)));
        Assert.Equal(english, declined.Message);
    }

    [Fact]
    public void A_limit_with_its_number_is_shown_in_Korean_with_the_same_number()
    {
        var limits = new BookingLimits { MaxSeatsPerBooking = 6 };
        var refusal = Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 7, seatsAlreadyOwnedForPerformance: 0, activeHolds: 0));

        var korean = InKorean(() => Localizer.Localize(refusal));

        Assert.Equal("한 번에 최대 6석까지 예매할 수 있습니다.", korean);
    }

    [Theory]
    [InlineData(1, "한 번에 한 건만 좌석을 선점할 수 있습니다.")]
    [InlineData(2, "동시에 최대 2건까지 좌석을 선점할 수 있습니다.")]
    public void The_hold_limit_is_shown_in_Korean_for_one_and_for_more(int allowed, string start)
    {
        var limits = new BookingLimits { MaxActiveHoldsPerMember = allowed };
        var refusal = Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 1, seatsAlreadyOwnedForPerformance: 0, activeHolds: allowed));

        Assert.StartsWith(start, InKorean(() => Localizer.Localize(refusal)));
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

        var korean = InKorean(() => Localizer.Localize(refusal));

        Assert.NotEqual(refusal.Message, korean);
        Assert.Matches(@"\p{IsHangulSyllables}", korean);
    }

    public static TheoryData<string> InputRuleBreaks() =>
    [
        "performance date", "sales start", "sales end", "title", "description", "age rating", "venue name", "hall name",
        "section", "row label", "grade name", "poster scheme", "poster length", "seat id twice",
    ];

    [Theory]
    [MemberData(nameof(InputRuleBreaks))]
    public void Every_input_rule_an_admin_form_can_break_is_named_in_Korean(string rule)
    {
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var y2100 = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const string Bidi = "A\u202Eb";
        Action breakIt = rule switch
        {
            "performance date" => () => _ = new Performance(NewProduct(), new Venue("Hall", "Seoul").AddHall("Main"), y2100),
            "sales start" => () => _ = NewProduct(salesStart: y2100.AddYears(-200)),
            "sales end" => () => _ = NewProduct(salesEnd: y2100),
            "title" => () => _ = NewProduct(title: Bidi),
            "description" => () => _ = NewProduct(description: "line\u0007bell"),
            "age rating" => () => _ = NewProduct(ageRating: Bidi),
            "venue name" => () => _ = new Venue(Bidi, "Seoul"),
            "hall name" => () => _ = new Venue("Hall", "Seoul").AddHall(Bidi),
            "section" => () => _ = new Venue("Hall", "Seoul").AddHall("Main").AddSeat(Bidi, "A", 1, 0, 0),
            "row label" => () => _ = new Venue("Hall", "Seoul").AddHall("Main").AddSeat("Floor", Bidi, 1, 0, 0),
            "grade name" => () => _ = new Performance(NewProduct(), new Venue("Hall", "Seoul").AddHall("Main"), now).AddGrade(Bidi, 10_000, "#336699"),
            "poster scheme" => () => _ = PosterAddress.Check("javascript:alert(1)"),
            "poster length" => () => _ = PosterAddress.Check("/" + new string('a', PosterAddress.MaxLength)),
            _ => () => Hall.RequireDistinctSeats([("Floor", "A", 1, 7), ("Floor", "A", 2, 7)]),
        };
        var refusal = Assert.Throws<DomainException>(breakIt);

        var korean = InKorean(() => Localizer.Localize(refusal));

        Assert.NotEqual(refusal.Message, korean);
        Assert.Matches(@"\p{IsHangulSyllables}", korean);
        Assert.Equal(Numbers(refusal.Message), Numbers(korean));

        Product NewProduct(string title = "Hamlet", string description = "", string ageRating = "All", DateTimeOffset? salesStart = null, DateTimeOffset? salesEnd = null) =>
            new(new ProductTerms(title, ProductCategory.Concert, description, 120, ageRating, salesStart ?? now, salesEnd ?? now.AddDays(30)));
    }

    [Fact]
    public void A_label_with_braces_an_admin_typed_is_quoted_as_it_is()
    {
        // The label is an argument of the refusal, never part of a format string.
        var refusal = Assert.Throws<DomainException>(() => Hall.RequireDistinctSeats([("{9", "A", 1, null), ("{9", "A", 1, null)]));

        var korean = InKorean(() => Localizer.Localize(refusal));

        Assert.Equal("좌석 {9 A-1이(가) 배치에 두 번 들어 있습니다.", korean);
    }

    public static TheoryData<string> RefusalKeys()
    {
        RuleSubject[] dates = [RuleSubject.SalesStart, RuleSubject.SalesEnd, RuleSubject.PerformanceDate];
        RefusalCode[] texts = [RefusalCode.TextRequired, RefusalCode.TextTooLong, RefusalCode.TextNotPlain];
        var keys = Enum.GetValues<RefusalCode>().SelectMany(code => code switch
        {
            RefusalCode.DateOutsideWindow => dates.Select(subject => Refusal.KeyOf(code, subject)),
            _ when texts.Contains(code) => Enum.GetValues<RuleSubject>().Except(dates).Select(subject => Refusal.KeyOf(code, subject)),
            _ => [Refusal.KeyOf(code)],
        });
        return [.. keys];
    }

    [Theory]
    [MemberData(nameof(RefusalKeys))]
    public void Every_refusal_code_has_an_English_and_a_Korean_text(string key)
    {
        var english = InCulture("en-US", () => Localizer.GetString(key));
        var korean = InCulture("ko-KR", () => Localizer.GetString(key));

        Assert.False(english.ResourceNotFound, key);
        Assert.False(korean.ResourceNotFound, key);
        Assert.NotEqual(english.Value, korean.Value);
        Assert.Matches(@"\p{IsHangulSyllables}", korean.Value);
    }

    [Fact]
    public void A_schedule_running_into_2100_names_the_date_window_in_Korean()
    {
        var plan = new SchedulePlan { Kind = ScheduleKind.Daily, From = new DateTime(2099, 12, 30), To = new DateTime(2100, 1, 2) };

        Assert.Equal("공연 날짜는 2000년에서 2099년 사이여야 합니다.", InCulture("ko-KR", () => plan.LocalizedProblem(Localizer)));
    }

    [Fact]
    public void A_checkout_answer_is_shown_in_Korean_by_its_code_whatever_its_English()
    {
        var expired = new ConfirmResult(ConfirmOutcome.HoldExpired, null, new Refusal(RefusalCode.HoldExpired, "Reworded: your hold is gone."));

        Assert.Equal("선점 시간이 지났거나 해제되었으며, 결제된 금액은 없습니다. 좌석을 다시 선택하세요.", InKorean(() => Localizer.Localize(expired)));
    }

    [Fact]
    public void A_cancellation_refused_after_the_start_is_shown_in_Korean()
    {
        var refused = new CancelResult(CancelOutcome.Started, null, Booking.CannotCancelStarted);

        Assert.Equal("공연이 시작된 후에는 예매를 취소할 수 없습니다.", InKorean(() => Localizer.Localize(refused)));
    }

    [Fact]
    public void A_hold_refused_for_seats_the_performance_lacks_names_them_in_Korean()
    {
        var refused = HoldResult.NoSuchSeats([7, 12]);

        Assert.Equal("This performance has no seat with id 7, 12.", refused.Reason);
        Assert.Equal("이 회차에는 ID가 7, 12인 좌석이 없습니다.", InKorean(() => Localizer.Localize(refused)));
    }

    [Fact]
    public void A_refusal_reads_in_English_as_the_domain_wrote_it()
    {
        var limits = new BookingLimits { MaxSeatsPerBooking = 6 };
        var refusal = Assert.Throws<DomainException>(() => limits.EnsureAllowed(seatsRequested: 7, seatsAlreadyOwnedForPerformance: 0, activeHolds: 0));

        Assert.Equal(refusal.Message, InCulture("en-US", () => Localizer.Localize(refusal)));
    }

    [Fact]
    public void A_sentence_without_a_translation_stays_English_and_nothing_is_empty()
    {
        Assert.Equal("Something nobody translated, 42 times.", InKorean(() => Localizer.Localize("Something nobody translated, 42 times.")));
        Assert.Equal(string.Empty, Localizer.Localize((string?)null));
    }

    [Theory]
    [InlineData(60_001, null, "입장 속도는 분당 1명에서 60,000명 사이여야 합니다.", "The admission rate must be between 1 and 60,000 members a minute.")]
    [InlineData(null, 0, "동시 예매 인원 한도는 1명에서 100,000명 사이여야 합니다.", "The cap on members shopping at once must be between 1 and 100,000.")]
    public void A_waiting_line_limit_is_shown_by_its_code_with_its_numbers(int? admitPerMinute, int? maxShopping, string korean, string english)
    {
        var refusal = Assert.Throws<DomainException>(() => new QueueRules(DateTimeOffset.UnixEpoch, admitPerMinute, maxShopping));

        Assert.NotNull(refusal.Refusal);
        Assert.Equal(korean, InKorean(() => Localizer.Localize(refusal)));
        Assert.Equal(english, InCulture("en-US", () => Localizer.Localize(refusal)));
    }

    private static string Numbers(string text) => string.Join(',', System.Text.RegularExpressions.Regex.Matches(text, @"\d+").Select(m => m.Value));

    private static string InKorean(Func<string> read) => InCulture("ko-KR", read);

    private static T InCulture<T>(string culture, Func<T> read)
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
