using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AtTicket.Infrastructure.Catalog;

// Read models for pages and the REST API. Shapes follow docs/api.md.
// The ones the catalog cache holds are sealed and marked immutable, so HybridCache hands out the
// cached instance instead of deserializing a copy on every read (a 1,024-seat layout per hold).

[ImmutableObject(true)]
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);

/// <summary>How a product list is ordered: next performance first, lowest price first, or most tickets sold first.</summary>
public enum ProductSort
{
    Date,
    Price,
    Popularity,
}

public sealed record ProductQuery(
    ProductCategory? Category = null,
    string? Search = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int? VenueId = null,
    ProductStatus? Status = null,
    int Page = 1,
    int PageSize = 20,
    bool IncludeUnpublished = false,
    ProductSort Sort = ProductSort.Date);

/// <remarks>Not sealed: the API's product detail is a summary with more fields (<c>ProductDetailResponse</c>).</remarks>
[ImmutableObject(true)]
public record ProductSummary(
    int Id,
    string Title,
    ProductCategory Category,
    string? PosterUrl,
    ProductStatus Status,
    DateTimeOffset? FirstPerformanceAt,
    DateTimeOffset? LastPerformanceAt,
    long? MinPrice,
    IReadOnlyList<string> VenueNames,
    string TitleKo = "",
    IReadOnlyList<string>? VenueNamesKo = null)
{
    /// <summary>The title in the reader's language (see <see cref="ShowText"/>).</summary>
    [JsonIgnore]
    public string DisplayTitle => ShowText.ForReader(Title, TitleKo);

    /// <summary>The venue names in the reader's language, in the order of <see cref="VenueNames"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> DisplayVenueNames =>
        [.. VenueNames.Select((name, i) => ShowText.ForReader(name, VenueNamesKo?.ElementAtOrDefault(i)))];
}

[ImmutableObject(true)]
public sealed record ProductDetail(
    ProductSummary Summary,
    string Description,
    int RunningMinutes,
    string AgeRating,
    DateTimeOffset SalesStart,
    DateTimeOffset SalesEnd,
    IReadOnlyList<PerformanceView> Performances,
    string DescriptionKo = "")
{
    [JsonIgnore]
    public string DisplayDescription => ShowText.ForReader(Description, DescriptionKo);
}

/// <param name="NameKo">The name for Korean readers; empty when the default name serves them.</param>
public sealed record NamedRef(int Id, string Name, string NameKo = "")
{
    [JsonIgnore]
    public string DisplayName => ShowText.ForReader(Name, NameKo);
}

/// <summary>Where a performance takes place, with the address buyers need to get there.</summary>
public sealed record VenueRef(int Id, string Name, string NameKo, string Address, string AddressKo)
{
    [JsonIgnore]
    public string DisplayName => ShowText.ForReader(Name, NameKo);

    [JsonIgnore]
    public string DisplayAddress => ShowText.ForReader(Address, AddressKo);
}

public sealed record GradeView(int Id, string Name, long Price, string Color);

/// <summary>A performance as the catalog knows it: no seat counts (those are live, see <see cref="SeatAvailabilityReader"/>).</summary>
[ImmutableObject(true)]
public sealed record PerformanceView(
    int Id,
    int ProductId,
    string ProductTitle,
    ProductCategory ProductCategory,
    DateTimeOffset StartsAt,
    VenueRef Venue,
    NamedRef Hall,
    PerformanceStatus Status,
    IReadOnlyList<GradeView> Grades,
    string ProductTitleKo = "")
{
    [JsonIgnore]
    public string DisplayProductTitle => ShowText.ForReader(ProductTitle, ProductTitleKo);
}

public sealed record GradeAvailability(int GradeId, int Total, int Remaining)
{
    /// <summary>
    /// The grades buyers are shown: those with at least one seat. A grade the admin left empty would read
    /// "Sold out" to them; the grade editor warns about it instead.
    /// </summary>
    public static IEnumerable<GradeView> Offered(IEnumerable<GradeView> grades, IReadOnlyList<GradeAvailability> counts) =>
        grades.Where(g => counts.Any(c => c.GradeId == g.Id && c.Total > 0));
}

public sealed record VenueView(int Id, string Name, string Address, IReadOnlyList<HallSummary> Halls, string NameKo = "", string AddressKo = "")
{
    [JsonIgnore]
    public string DisplayName => ShowText.ForReader(Name, NameKo);
}

public sealed record HallSummary(int Id, string Name, int SeatCount, string NameKo = "");

[ImmutableObject(true)]
public sealed record HallLayout(int Id, int VenueId, string VenueName, string Name, double Width, double Height, IReadOnlyList<SeatView> Seats, string NameKo = "");

/// <param name="SectionKo">The section's name for Korean readers; empty when the default name serves them.</param>
public sealed record SeatView(int Id, string Section, string Row, int Number, double X, double Y, SeatKind Kind, string SectionKo = "")
{
    /// <summary>The section's name in the reader's language.</summary>
    [JsonIgnore]
    public string DisplaySection => ShowText.ForReader(Section, SectionKo);
}

public sealed record SeatState(int SeatId, int? GradeId, SeatStatus Status);
