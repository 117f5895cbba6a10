namespace AtTicket.Web.Api.Catalog;

internal static class CatalogMapping
{
    /// <param name="forBuyer">Grades without seats left out, as on the pages; admins see every grade they made.</param>
    public static ProductDetailResponse ToResponse(this ProductDetail d, IReadOnlyDictionary<int, IReadOnlyList<GradeAvailability>> remaining, bool forBuyer = false) =>
        new(d, [.. d.Performances.Select(p => p.ToResponse(remaining.GetValueOrDefault(p.Id) ?? [], forBuyer))]);

    public static PerformanceResponse ToResponse(this PerformanceView p, IReadOnlyList<GradeAvailability> remaining, bool forBuyer = false) =>
        new(
            p.Id, p.ProductId, p.ProductTitle, p.StartsAt, p.Venue, p.Hall, p.Status,
            [.. (forBuyer ? GradeAvailability.Offered(p.Grades, remaining) : p.Grades).Select(g =>
            {
                var a = remaining.FirstOrDefault(r => r.GradeId == g.Id);
                return new GradeResponse(g.Id, g.Name, g.Price, g.Color, a?.Total ?? 0, a?.Remaining ?? 0);
            })],
            p.ProductTitleKo);

    /// <summary>A 400 naming the first grade that is null (<c>grades: [null]</c>), or null when every grade is an object.</summary>
    public static IResult? NullGradeProblem(this IReadOnlyList<GradeRequest?> grades)
    {
        var index = grades.ToList().IndexOf(null);
        return index < 0
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [$"grades[{index}]"] = ["Each grade is an object with name, price, color and seatIds."],
            });
    }

    public static IReadOnlyList<GradeSeats> ToPlan(this IReadOnlyList<GradeRequest> grades) =>
        [.. grades.Select(g => new GradeSeats(g.Id, g.Name ?? string.Empty, g.Price, g.Color ?? string.Empty, g.SeatIds ?? []))];
}
