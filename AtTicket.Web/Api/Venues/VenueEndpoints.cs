using System.ComponentModel.DataAnnotations;
using AtTicket.Infrastructure.Venues;

namespace AtTicket.Web.Api.Venues;

public sealed record VenueRequest(
    [property: Required(ErrorMessage = "A venue name is required."), StringLength(Venue.MaxNameLength)] string? Name,
    [property: StringLength(Venue.MaxAddressLength)] string? Address,
    [property: StringLength(Venue.MaxNameLength)] string? NameKo = null,
    [property: StringLength(Venue.MaxAddressLength)] string? AddressKo = null);

public sealed record HallResponse(int Id, int VenueId, string VenueName, string Name, int SeatCount, IReadOnlyList<SectionDocument> Sections, string NameKo);

internal static class VenueEndpoints
{
    public static void MapVenueEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/venues", async (CatalogReader catalog) => TypedResults.Ok(await catalog.GetVenuesAsync())).WithTags("Venues");
        api.MapGet("/venues/{id:int}", async (int id, CatalogReader catalog) =>
            (await catalog.GetVenuesAsync()).FirstOrDefault(v => v.Id == id) is { } venue ? TypedResults.Ok(venue) : Problems.NotFound("venue"))
            .WithTags("Venues");
        api.MapGet("/halls/{id:int}", GetHallAsync).WithTags("Venues").WithSummary("The hall's seat map as sections, rows and seats with positions.");
        api.MapPost("/venues", CreateVenueAsync).RequireAuthorization(ApiSetup.AdminPolicy).WithTags("Venues");
        api.MapPut("/venues/{id:int}", UpdateVenueAsync).RequireAuthorization(ApiSetup.AdminPolicy).WithTags("Venues")
            .WithSummary("Renames a venue. nameKo and addressKo left out (or null) keep the stored Korean text; an empty string clears it.");
        api.MapPost("/venues/{id:int}/halls", CreateHallAsync).RequireAuthorization(ApiSetup.AdminPolicy).WithTags("Venues");
        api.MapPut("/halls/{id:int}", SaveHallAsync).RequireAuthorization(ApiSetup.AdminPolicy).WithTags("Venues")
            .WithSummary("Replaces the seat map; 409 when it would remove seats that are held or sold.");
    }

    private static async Task<IResult> GetHallAsync(int id, CatalogReader catalog)
    {
        var layout = await catalog.GetHallLayoutAsync(id);
        return layout is null ? Problems.NotFound("hall") : TypedResults.Ok(ToResponse(layout));
    }

    private static async Task<IResult> CreateVenueAsync(VenueRequest request, VenueAdminService venues)
    {
        if (KoreanTextProblem(request) is { } problem)
        {
            return problem;
        }

        var id = await venues.CreateVenueAsync(request.Name!, request.Address ?? string.Empty, request.NameKo, request.AddressKo);
        return TypedResults.Created($"/api/venues/{id}", Saved(id, request));
    }

    private static async Task<IResult> UpdateVenueAsync(int id, VenueRequest request, VenueAdminService venues, CatalogReader catalog)
    {
        if (KoreanTextProblem(request) is { } problem)
        {
            return problem;
        }

        if (!await venues.UpdateVenueAsync(id, request.Name!, request.Address ?? string.Empty, request.NameKo, request.AddressKo))
        {
            return Problems.NotFound("venue");
        }

        // The Korean text may have been kept rather than sent: answer what is stored.
        var saved = (await catalog.GetVenuesAsync()).FirstOrDefault(v => v.Id == id);
        return TypedResults.Ok(Saved(id, request with { NameKo = saved?.NameKo ?? request.NameKo, AddressKo = saved?.AddressKo ?? request.AddressKo }));
    }

    private static object Saved(int id, VenueRequest r) => new
    {
        id,
        name = r.Name!.Trim(),
        address = r.Address?.Trim() ?? string.Empty,
        nameKo = r.NameKo?.Trim() ?? string.Empty,
        addressKo = r.AddressKo?.Trim() ?? string.Empty,
    };

    private static IResult? KoreanTextProblem(VenueRequest r) =>
        Problems.FieldRules(("nameKo", () => Venue.CheckKoreanName(r.NameKo)), ("addressKo", () => Venue.CheckKoreanAddress(r.AddressKo)));

    private static IResult? KoreanTextProblem(HallLayoutDocument layout) => Problems.FieldRules(("nameKo", () => Hall.CheckKoreanName(layout.NameKo)));

    private static async Task<IResult> CreateHallAsync(int id, HallLayoutDocument layout, VenueAdminService venues, CatalogReader catalog)
    {
        if (KoreanTextProblem(layout) is { } problem)
        {
            return problem;
        }

        var hallId = await InLayoutTermsAsync(() => venues.CreateHallAsync(id, layout));
        if (hallId is null)
        {
            return Problems.NotFound("venue");
        }

        return TypedResults.Created($"/api/halls/{hallId}", ToResponse((await catalog.GetHallLayoutAsync(hallId.Value))!));
    }

    private static async Task<IResult> SaveHallAsync(int id, HallLayoutDocument layout, VenueAdminService venues, CatalogReader catalog)
    {
        if (KoreanTextProblem(layout) is { } problem)
        {
            return problem;
        }

        var result = await InLayoutTermsAsync(() => venues.SaveHallAsync(id, layout));
        return result.Outcome switch
        {
            ChangeOutcome.NotFound => Problems.NotFound("hall"),
            ChangeOutcome.SeatsLocked => Problems.Conflict(
                "Some seats are held or sold for a performance, so they cannot be removed.",
                new Dictionary<string, object?> { ["lockedSeatIds"] = result.LockedSeatIds }),
            _ => TypedResults.Ok(ToResponse((await catalog.GetHallLayoutAsync(id))!)),
        };
    }

    /// <summary>A broken seat rule names the layout's fields: the Domain's section and row are a section's name and a row's label.</summary>
    private static async Task<T> InLayoutTermsAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (DomainException broken) when (broken.Fields.Any(f => f is "section" or "row"))
        {
            var fields = broken.Fields.Select(f => f switch { "section" => "name", "row" => "label", _ => f });
            throw broken.Refusal is { } refusal ? new DomainException(refusal, fields) : new DomainException(broken.Message, fields);
        }
    }

    private static HallResponse ToResponse(HallLayout layout) =>
        new(layout.Id, layout.VenueId, layout.VenueName, layout.Name, layout.Seats.Count, HallLayoutConversion.ToSections(layout.Seats), layout.NameKo);
}
