using System.ComponentModel.DataAnnotations;

namespace AtTicket.Web.Api.Catalog;

/// <summary>A page of products; each item is the catalog's own <see cref="ProductSummary"/>, whose fields are the contract's.</summary>
public sealed record ProductPageResponse(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int TotalCount);

/// <summary>A product's summary fields, flat in the JSON as in a page's items, and then its details.</summary>
public sealed record ProductDetailResponse : ProductSummary
{
    public ProductDetailResponse(ProductDetail detail, IReadOnlyList<PerformanceResponse> performances)
        : base(detail.Summary with { VenueNamesKo = detail.Summary.VenueNamesKo ?? [] })
    {
        Description = detail.Description;
        RunningMinutes = detail.RunningMinutes;
        AgeRating = detail.AgeRating;
        SalesStart = detail.SalesStart;
        SalesEnd = detail.SalesEnd;
        Performances = performances;
        DescriptionKo = detail.DescriptionKo;
    }

    public string Description { get; }
    public int RunningMinutes { get; }
    public string AgeRating { get; }
    public DateTimeOffset SalesStart { get; }
    public DateTimeOffset SalesEnd { get; }
    public IReadOnlyList<PerformanceResponse> Performances { get; }
    public string DescriptionKo { get; }
}

public sealed record GradeResponse(int Id, string Name, long Price, string Color, int Total, int Remaining);

public sealed record PerformanceResponse(
    int Id,
    int ProductId,
    string ProductTitle,
    DateTimeOffset StartsAt,
    VenueRef Venue,
    NamedRef Hall,
    PerformanceStatus Status,
    IReadOnlyList<GradeResponse> Grades,
    string ProductTitleKo);

public sealed record SeatResponse(int Id, string Section, string Row, int Number, double X, double Y, SeatKind Kind, int? GradeId, SeatStatus Status);

public sealed record SeatsResponse(int PerformanceId, long Sequence, IReadOnlyList<SeatResponse> Seats);

public sealed record GradeAvailabilityResponse(int GradeId, string Name, long Price, int Total, int Remaining);

public sealed record AvailabilityResponse(int PerformanceId, long Sequence, IReadOnlyList<GradeAvailabilityResponse> Grades);

public sealed record ProductRequest(
    [property: Required(ErrorMessage = "A title is required."), StringLength(Product.TitleMaxLength)] string? Title,
    [property: Required(ErrorMessage = "A category is required: concert, musical or movie.")] ProductCategory? Category,
    [property: StringLength(Product.DescriptionMaxLength)] string? Description,
    [property: Range(1, 1440, ErrorMessage = "The running time must be between 1 and 1440 minutes.")] int RunningMinutes,
    [property: Required(ErrorMessage = "An age rating is required, such as \"All\" or \"12+\".")] string? AgeRating,
    [property: Required(ErrorMessage = "salesStart is required.")] DateTimeOffset? SalesStart,
    [property: Required(ErrorMessage = "salesEnd is required.")] DateTimeOffset? SalesEnd,
    [property: Required(ErrorMessage = "status is required: draft, onSale or closed.")] ProductStatus? Status,
    [property: StringLength(PosterAddress.MaxLength)] string? PosterUrl,
    [property: StringLength(Product.TitleMaxLength)] string? TitleKo = null,
    [property: StringLength(Product.DescriptionMaxLength)] string? DescriptionKo = null);

public sealed record GradeRequest(
    int? Id,
    [property: Required(ErrorMessage = "Each grade needs a name.")] string? Name,
    [property: Range(1, SeatGrade.MaxPrice, ErrorMessage = "Each grade needs a price in won above 0.")] long Price,
    [property: Required(ErrorMessage = "Each grade needs a colour such as #c0392b.")] string? Color,
    [property: Required(ErrorMessage = "Each grade lists its seatIds.")] IReadOnlyList<int>? SeatIds);

public sealed record CreatePerformanceRequest(
    [property: Required(ErrorMessage = "hallId is required.")] int? HallId,
    DateTimeOffset? StartsAt,
    IReadOnlyList<DateTimeOffset>? StartTimes,
    [property: Required(ErrorMessage = "grades are required.")] IReadOnlyList<GradeRequest>? Grades,
    [property: Required(ErrorMessage = "status is required: draft or onSale.")] PerformanceStatus? Status);

public sealed record UpdatePerformanceRequest(
    [property: Required(ErrorMessage = "startsAt is required.")] DateTimeOffset? StartsAt,
    [property: Required(ErrorMessage = "grades are required.")] IReadOnlyList<GradeRequest>? Grades,
    [property: Required(ErrorMessage = "status is required: draft or onSale.")] PerformanceStatus? Status);
