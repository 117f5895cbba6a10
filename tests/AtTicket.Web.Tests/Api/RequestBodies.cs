namespace AtTicket.Web.Tests.Api;

// Request bodies as an API client writes them (camelCase JSON, enum values as camelCase strings).
// Each starts valid; a test changes the one field its behaviour is about with `with { ... }`.

public sealed record ProductBody(
    string? Title,
    string? Category,
    string? Description,
    int RunningMinutes,
    string? AgeRating,
    DateTimeOffset? SalesStart,
    DateTimeOffset? SalesEnd,
    string? Status,
    string? PosterUrl,
    string? TitleKo = null,
    string? DescriptionKo = null)
{
    public static ProductBody OnSale(string title) =>
        new(Unique(title), "concert", "Made by an API test.", 95, "12+", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90), "onSale", null);

    public static ProductBody Draft(string title) => OnSale(title) with { Status = "draft" };

    /// <summary>Titles that no other test (or demo product) shares, so a search finds exactly one.</summary>
    public static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..8]}";
}

public sealed record VenueBody(string? Name, string? Address, string? NameKo = null, string? AddressKo = null);

public sealed record HallBody(string? Name, IReadOnlyList<SectionBody>? Sections, string? NameKo = null)
{
    /// <summary>One section "Main" of <paramref name="rows"/> rows A, B, ... of seats numbered from 1, left to right.</summary>
    public static HallBody Grid(string name, int rows, int seatsPerRow) =>
        new(name, [new SectionBody("Main", [.. Enumerable.Range(0, rows).Select(r => Row(r, seatsPerRow))])]);

    public HallBody WithoutSeat(int seatId) =>
        this with
        {
            Sections = [.. Sections!.Select(s => s with { Rows = [.. s.Rows.Select(r => r with { Seats = [.. r.Seats.Where(seat => seat.Id != seatId)] })] })],
        };

    private static RowBody Row(int index, int seats) =>
        new(((char)('A' + index)).ToString(), [.. Enumerable.Range(1, seats).Select(n => new SeatBody(null, n, n - 1, index, "normal"))]);
}

public sealed record SectionBody(string Name, IReadOnlyList<RowBody> Rows);

public sealed record RowBody(string Label, IReadOnlyList<SeatBody> Seats);

public sealed record SeatBody(int? Id, int Number, double X, double Y, string Kind);

public sealed record GradeBody(int? Id, string? Name, long Price, string? Color, IReadOnlyList<int>? SeatIds);

public sealed record NewPerformanceBody(
    int? HallId,
    DateTimeOffset? StartsAt,
    IReadOnlyList<DateTimeOffset>? StartTimes,
    IReadOnlyList<GradeBody>? Grades,
    string? Status)
{
    public static NewPerformanceBody OnSale(int hallId, params GradeBody[] grades) =>
        new(hallId, NextWeek(), null, grades, "onSale");

    /// <summary>A week ahead, on the hour: upcoming, so customers see it.</summary>
    public static DateTimeOffset NextWeek() =>
        new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero).AddDays(7).AddHours(10);
}

public sealed record PerformanceChangeBody(DateTimeOffset? StartsAt, IReadOnlyList<GradeBody>? Grades, string? Status);
