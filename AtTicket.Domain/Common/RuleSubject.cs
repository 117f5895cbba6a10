namespace AtTicket.Domain.Common;

/// <summary>An input that rules shared by many inputs (<see cref="Guard.Text"/>, <see cref="DateWindow"/>) are about.</summary>
public enum RuleSubject
{
    Title,
    KoreanTitle,
    AgeRating,
    Description,
    KoreanDescription,
    VenueName,
    KoreanVenueName,
    Address,
    KoreanAddress,
    HallName,
    KoreanHallName,
    Section,
    KoreanSection,
    RowLabel,
    GradeName,
    CardholderName,
    IdempotencyKey,
    IdempotencyKeyHeader,
    BookingNumber,
    PaymentReference,
    SalesStart,
    SalesEnd,
    PerformanceDate,
}

public static class RuleSubjects
{
    /// <summary>How the English sentence names the input, capitalised to start it.</summary>
    public static string English(this RuleSubject subject) => subject switch
    {
        RuleSubject.Title => "The title",
        RuleSubject.KoreanTitle => "The Korean title",
        RuleSubject.AgeRating => "The age rating",
        RuleSubject.Description => "The description",
        RuleSubject.KoreanDescription => "The Korean description",
        RuleSubject.VenueName => "The venue name",
        RuleSubject.KoreanVenueName => "The Korean venue name",
        RuleSubject.Address => "The address",
        RuleSubject.KoreanAddress => "The Korean address",
        RuleSubject.HallName => "The hall name",
        RuleSubject.KoreanHallName => "The Korean hall name",
        RuleSubject.Section => "The section",
        RuleSubject.KoreanSection => "The Korean section name",
        RuleSubject.RowLabel => "The row label",
        RuleSubject.GradeName => "The grade name",
        RuleSubject.CardholderName => "The cardholder's name",
        RuleSubject.IdempotencyKey => "The idempotency key",
        RuleSubject.IdempotencyKeyHeader => "The Idempotency-Key header",
        RuleSubject.BookingNumber => "The booking number",
        RuleSubject.PaymentReference => "The payment reference",
        RuleSubject.SalesStart => "The start of sales",
        RuleSubject.SalesEnd => "The end of sales",
        RuleSubject.PerformanceDate => "The performance date",
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, null),
    };
}
