namespace AtTicket.Web.Api.Catalog;

internal static class PerformanceEndpoints
{
    public static void MapPerformanceEndpoints(this RouteGroupBuilder api)
    {
        var performances = api.MapGroup("/performances").WithTags("Performances");
        performances.MapGet("/{id:int}", GetAsync);
        performances.MapGet("/{id:int}/seats", GetSeatsAsync).WithSummary("Every seat with its grade and live status.");
        performances.MapGet("/{id:int}/availability", GetAvailabilityAsync).WithSummary("Remaining seats per grade, counted live.");
        performances.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(ApiSetup.AdminPolicy)
            .WithSummary("Changes time, grades and mapping; 409 when held or sold seats would change grade.");
        performances.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization(ApiSetup.AdminPolicy);
        api.MapPost("/products/{productId:int}/performances", CreateAsync).RequireAuthorization(ApiSetup.AdminPolicy).WithTags("Performances")
            .WithSummary("Schedules one performance (startsAt) or several (startTimes); every seat of the hall in exactly one grade.");
    }

    private static async Task<IResult> GetAsync(int id, ClaimsPrincipal user, CatalogReader catalog, LiveSnapshotReader live)
    {
        var performance = await catalog.GetPerformanceAsync(id, includeUnpublished: user.IsInRole(Roles.Admin));
        return performance is null
            ? Problems.NotFound("performance")
            : TypedResults.Ok(performance.ToResponse((await live.ReadRemainingAsync(id)).Grades, forBuyer: !user.IsInRole(Roles.Admin)));
    }

    private static async Task<IResult> GetSeatsAsync(int id, ClaimsPrincipal user, CatalogReader catalog, LiveSnapshotReader live)
    {
        var performance = await catalog.GetPerformanceAsync(id, includeUnpublished: user.IsInRole(Roles.Admin));
        var layout = performance is null ? null : await catalog.GetHallLayoutAsync(performance.Hall.Id);
        if (layout is null)
        {
            return Problems.NotFound("performance");
        }

        var snapshot = await live.ReadAsync(id);
        var states = snapshot.Seats.ToDictionary(s => s.SeatId);
        var seats = layout.Seats
            .Where(s => states.ContainsKey(s.Id))
            .Select(s => new SeatResponse(s.Id, s.Section, s.Row, s.Number, s.X, s.Y, s.Kind, states[s.Id].GradeId, states[s.Id].Status))
            .ToList();
        return TypedResults.Ok(new SeatsResponse(id, snapshot.Sequence, seats));
    }

    private static async Task<IResult> GetAvailabilityAsync(int id, ClaimsPrincipal user, CatalogReader catalog, LiveSnapshotReader live)
    {
        var performance = await catalog.GetPerformanceAsync(id, includeUnpublished: user.IsInRole(Roles.Admin));
        if (performance is null)
        {
            return Problems.NotFound("performance");
        }

        var (sequence, remaining) = await live.ReadRemainingAsync(id);
        var offered = user.IsInRole(Roles.Admin) ? performance.Grades : GradeAvailability.Offered(performance.Grades, remaining);
        var grades = offered.Select(g =>
        {
            var a = remaining.FirstOrDefault(r => r.GradeId == g.Id);
            return new GradeAvailabilityResponse(g.Id, g.Name, g.Price, a?.Total ?? 0, a?.Remaining ?? 0);
        });
        return TypedResults.Ok(new AvailabilityResponse(id, sequence, [.. grades]));
    }

    private static async Task<IResult> CreateAsync(int productId, CreatePerformanceRequest request, PerformanceAdminService admin, CatalogReader catalog, SeatAvailabilityReader availability)
    {
        var startTimes = request.StartTimes is { Count: > 0 } many ? many : request.StartsAt is { } one ? [one] : [];
        if (startTimes.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["startsAt"] = ["startsAt (or startTimes for several) is required."] });
        }

        if (request.Status is not (PerformanceStatus.Draft or PerformanceStatus.OnSale))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["A new performance is draft or onSale."] });
        }

        if (request.Grades!.NullGradeProblem() is { } nullGrade)
        {
            return nullGrade;
        }

        if (request.Status == PerformanceStatus.OnSale && await ProductNotOnSaleProblemAsync(productId, catalog) is { } hidden)
        {
            return hidden;
        }

        var ids = await admin.ScheduleAsync(productId, request.HallId!.Value, startTimes, request.Grades!.ToPlan(), requireEverySeat: true);
        if (ids is null)
        {
            return Problems.NotFound("product or hall");
        }

        if (request.Status != PerformanceStatus.Draft)
        {
            foreach (var id in ids)
            {
                await admin.PutOnSaleAsync(id);
            }
        }

        var first = await catalog.GetPerformanceAsync(ids[0], includeUnpublished: true);
        return TypedResults.Created($"/api/performances/{ids[0]}", first!.ToResponse(await availability.GetRemainingAsync(ids[0])));
    }

    private static async Task<IResult> UpdateAsync(int id, UpdatePerformanceRequest request, PerformanceAdminService admin, CatalogReader catalog, SeatAvailabilityReader availability)
    {
        if (request.Grades!.NullGradeProblem() is { } nullGrade)
        {
            return nullGrade;
        }

        var current = await catalog.GetPerformanceAsync(id, includeUnpublished: true);
        if (current is null)
        {
            return Problems.NotFound("performance");
        }

        var putOnSale = request.Status == PerformanceStatus.OnSale && current.Status == PerformanceStatus.Draft;
        if (putOnSale && await ProductNotOnSaleProblemAsync(current.ProductId, catalog) is { } hidden)
        {
            return hidden;
        }

        var result = await admin.UpdateAsync(id, request.StartsAt!.Value, request.Grades!.ToPlan());
        if (result.Outcome == ChangeOutcome.NotFound)
        {
            return Problems.NotFound("performance");
        }

        if (result.Outcome == ChangeOutcome.SeatsLocked)
        {
            return Problems.Conflict(
                "Some seats are held or sold, so they must keep their grade.",
                new Dictionary<string, object?> { ["lockedSeatIds"] = result.LockedSeatIds });
        }

        var performance = await catalog.GetPerformanceAsync(id, includeUnpublished: true);
        if (putOnSale)
        {
            await admin.PutOnSaleAsync(id);
            performance = await catalog.GetPerformanceAsync(id, includeUnpublished: true);
        }

        return TypedResults.Ok(performance!.ToResponse(await availability.GetRemainingAsync(id)));
    }

    /// <summary>Checked before anything is saved, so a refused request changes nothing; the rule is the Domain's.</summary>
    private static async Task<IResult?> ProductNotOnSaleProblemAsync(int productId, CatalogReader catalog) =>
        await catalog.GetProductAsync(productId, includeUnpublished: true) is { } product && !Performance.CanGoOnSaleUnder(product.Summary.Status)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [Performance.ProductNotOnSale.Message] })
            : null;

    private static async Task<IResult> DeleteAsync(int id, PerformanceAdminService admin)
    {
        var result = await admin.DeleteAsync(id);
        return result.Outcome switch
        {
            ChangeOutcome.Done => TypedResults.NoContent(),
            ChangeOutcome.NotFound => Problems.NotFound("performance"),
            _ => Problems.Conflict(
                "The performance has held or sold seats, so it cannot be deleted.",
                new Dictionary<string, object?> { ["lockedSeatIds"] = result.LockedSeatIds }),
        };
    }
}
