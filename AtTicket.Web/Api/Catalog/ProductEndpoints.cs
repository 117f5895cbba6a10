using Microsoft.AspNetCore.Http.HttpResults;

namespace AtTicket.Web.Api.Catalog;

internal static class ProductEndpoints
{
    public static void MapProductEndpoints(this RouteGroupBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Products");
        products.MapGet("/", SearchAsync).WithSummary("On-sale products (admins see all), filtered, sorted (date, price or popularity) and paged.");
        products.MapGet("/{id:int}", GetAsync).WithSummary("A product with its upcoming performances and remaining seats per grade.");
        products.MapPost("/", CreateAsync).RequireAuthorization(ApiSetup.AdminPolicy);
        products.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(ApiSetup.AdminPolicy)
            .WithSummary("Replaces a product. titleKo and descriptionKo left out (or null) keep the stored Korean text; an empty string clears it.");
        products.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization(ApiSetup.AdminPolicy)
            .WithSummary("Deletes a product nobody has booked; 409 otherwise (close it instead).");
    }

    private static async Task<Results<Ok<ProductPageResponse>, ValidationProblem>> SearchAsync(
        ClaimsPrincipal user,
        CatalogReader catalog,
        string? category,
        string? q,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? venueId,
        string? status,
        string? sort,
        int page = 1,
        int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedCategory = ParseEnum<ProductCategory>(category, "category", errors);
        var parsedStatus = ParseEnum<ProductStatus>(status, "status", errors);
        var parsedSort = ParseEnum<ProductSort>(sort, "sort", errors) ?? ProductSort.Date;
        if (page is < 1 or > CatalogReader.MaxPage)
        {
            errors["page"] = [$"page must be between 1 and {CatalogReader.MaxPage}."];
        }

        if (pageSize is < 1 or > CatalogReader.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {CatalogReader.MaxPageSize}."];
        }

        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["to must be after from."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await catalog.SearchProductsAsync(new ProductQuery(
            parsedCategory, q, from, to, venueId, parsedStatus, page, pageSize, IncludeUnpublished: user.IsInRole(Roles.Admin), Sort: parsedSort));
        return TypedResults.Ok(new ProductPageResponse(result.Items, result.PageNumber, result.PageSize, result.TotalCount));
    }

    private static async Task<IResult> GetAsync(int id, ClaimsPrincipal user, CatalogReader catalog, LiveSnapshotReader live)
    {
        var product = await catalog.GetProductAsync(id, includeUnpublished: user.IsInRole(Roles.Admin));
        if (product is null)
        {
            return Problems.NotFound("product");
        }

        var remaining = await live.ReadRemainingAsync([.. product.Performances.Select(p => p.Id)]);
        return TypedResults.Ok(product.ToResponse(remaining, forBuyer: !user.IsInRole(Roles.Admin)));
    }

    private static async Task<IResult> CreateAsync(ProductRequest request, ProductAdminService products, CatalogReader catalog)
    {
        if (KoreanTextProblem(request) is { } problem)
        {
            return problem;
        }

        var id = await products.CreateAsync(ToInput(request));
        var created = await catalog.GetProductAsync(id, includeUnpublished: true);
        return TypedResults.Created($"/api/products/{id}", created!.ToResponse(new Dictionary<int, IReadOnlyList<GradeAvailability>>()));
    }

    private static async Task<IResult> UpdateAsync(int id, ProductRequest request, ProductAdminService products, CatalogReader catalog, SeatAvailabilityReader availability)
    {
        if (KoreanTextProblem(request) is { } problem)
        {
            return problem;
        }

        if (!await products.UpdateAsync(id, ToInput(request)))
        {
            return Problems.NotFound("product");
        }

        var updated = await catalog.GetProductAsync(id, includeUnpublished: true);
        var remaining = await availability.GetRemainingAsync([.. updated!.Performances.Select(p => p.Id)]);
        return TypedResults.Ok(updated.ToResponse(remaining));
    }

    private static async Task<IResult> DeleteAsync(int id, ProductAdminService products) =>
        await products.DeleteAsync(id) switch
        {
            DeleteOutcome.Deleted => TypedResults.NoContent(),
            DeleteOutcome.NotFound => Problems.NotFound("product"),
            _ => Problems.Conflict("The product has bookings, so it cannot be deleted. Close it instead (status \"closed\")."),
        };

    private static ProductInput ToInput(ProductRequest r) =>
        new(
            new(r.Title!, r.Category!.Value, r.Description ?? string.Empty, r.RunningMinutes, r.AgeRating!, r.SalesStart!.Value, r.SalesEnd!.Value),
            r.Status!.Value,
            r.PosterUrl,
            r.TitleKo,
            r.DescriptionKo);

    private static IResult? KoreanTextProblem(ProductRequest r) =>
        Problems.FieldRules(
            ("titleKo", () => Product.CheckKoreanTitle(r.TitleKo)),
            ("descriptionKo", () => Product.CheckKoreanDescription(r.DescriptionKo)));

    private static T? ParseEnum<T>(string? value, string name, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors[name] = [$"{name} must be one of: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}."];
        return null;
    }
}
