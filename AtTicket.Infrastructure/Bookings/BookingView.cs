using System.Text.Json.Serialization;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>A booked seat's ticket; <paramref name="Kind"/> says when the seat is a wheelchair space or a companion seat.</summary>
public sealed record BookingTicketView(int SeatId, string Section, string Row, int Number, string GradeName, long Price, string Code, SeatKind Kind = SeatKind.Normal, string SectionKo = "")
{
    /// <summary>The section's name in the reader's language.</summary>
    [JsonIgnore]
    public string DisplaySection => ShowText.ForReader(Section, SectionKo);

    public string SectionFor(CultureInfo culture) => ShowText.For(culture, Section, SectionKo);
}

/// <summary>
/// A booking as pages and the API show it: what was booked, for which performance, and its tickets. The show's
/// title, venue and hall come in both languages (the Korean ones empty when the default serves Korean readers).
/// </summary>
public sealed record BookingView(
    Guid Id,
    string Number,
    BookingStatus Status,
    int PerformanceId,
    int ProductId,
    string ProductTitle,
    DateTimeOffset StartsAt,
    string VenueName,
    string HallName,
    string MemberEmail,
    long Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? RefundedAt,
    IReadOnlyList<BookingTicketView> Tickets,
    string ProductTitleKo = "",
    string VenueNameKo = "",
    string HallNameKo = "")
{
    /// <summary>The show's title for a reader of <paramref name="culture"/> (see <see cref="ShowText"/>).</summary>
    public string TitleFor(CultureInfo culture) => ShowText.For(culture, ProductTitle, ProductTitleKo);

    /// <summary>Venue and hall for a reader of <paramref name="culture"/>.</summary>
    public string PlaceFor(CultureInfo culture) =>
        $"{ShowText.For(culture, VenueName, VenueNameKo)} · {ShowText.For(culture, HallName, HallNameKo)}";

    [JsonIgnore]
    public string DisplayTitle => TitleFor(CultureInfo.CurrentUICulture);

    [JsonIgnore]
    public string DisplayPlace => PlaceFor(CultureInfo.CurrentUICulture);

    /// <summary>Only a confirmed booking can be cancelled, and only before its performance starts.</summary>
    public bool CanCancelAt(DateTimeOffset now) => Status == BookingStatus.Confirmed && now < StartsAt;
}

/// <summary>One line of an admin's list of a performance's bookings.</summary>
public sealed record BookingRow(Guid Id, string Number, BookingStatus Status, string MemberEmail, int SeatCount, long Total, DateTimeOffset CreatedAt, DateTimeOffset? RefundedAt, bool OwesRefund);

/// <summary>A booking found by an admin's search across all performances; the title comes in both languages.</summary>
public sealed record BookingSearchHit(
    Guid Id,
    string Number,
    int PerformanceId,
    string ProductTitle,
    string ProductTitleKo,
    DateTimeOffset StartsAt,
    string MemberEmail,
    BookingStatus Status,
    bool OwesRefund,
    long Total)
{
    public string TitleFor(CultureInfo culture) => ShowText.For(culture, ProductTitle, ProductTitleKo);
}
