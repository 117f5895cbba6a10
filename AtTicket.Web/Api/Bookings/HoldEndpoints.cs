namespace AtTicket.Web.Api.Bookings;

internal static class HoldEndpoints
{
    public static void MapHoldEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/performances/{id:int}/holds", CreateAsync)
            .RequireAuthorization()
            .RequireClientLimit(LimitedAction.Hold)
            .WithTags("Holds")
            .WithSummary("Holds the given seats, or the best available ones of a grade; all or nothing. 409 names the seats just taken; 422 (rule companion-seat-with-wheelchair-space) when the seats have more companion seats than wheelchair spaces; 403 when the on-sale has a waiting line that has not admitted the member (its `queue` names where to join).");
        api.MapGet("/holds/{id:guid}", GetAsync).RequireAuthorization().WithTags("Holds");
        api.MapDelete("/holds/{id:guid}", ReleaseAsync).RequireAuthorization().WithTags("Holds")
            .WithSummary("Releases the hold; its seats are available again at once.");
    }

    private static async Task<IResult> CreateAsync(int id, HoldRequest request, ClaimsPrincipal user, HoldService holds, HoldViewReader views, CatalogReader catalog)
    {
        var memberId = MemberId(user);
        HoldResult result;
        if (request.SeatIds is { Count: > 0 } seatIds)
        {
            result = await holds.HoldSeatsAsync(memberId, id, seatIds);
        }
        else if (request is { GradeId: { } gradeId, Quantity: { } quantity })
        {
            result = await holds.HoldBestAvailableAsync(memberId, id, gradeId, quantity, request.IncludeAccessible);
        }
        else
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["seatIds"] = ["Send seatIds, or gradeId and quantity for the best available seats."],
            });
        }

        // Only a refused hold asks whether the performance exists at all, so the answer names the path's id (404).
        if (result.Outcome == HoldOutcome.Rejected && await catalog.GetPerformanceAsync(id, includeUnpublished: true) is null)
        {
            return Problems.NotFound("performance");
        }

        return result.Outcome switch
        {
            HoldOutcome.Held => TypedResults.Created($"/api/holds/{result.Hold!.Id}", (await views.DescribeAsync(result.Hold, result.Seats)).ToResponse()),
            HoldOutcome.SeatsTaken => Problems.Conflict(
                result.TakenSeatIds.Count > 0
                    ? "Some of these seats were just taken. Nothing is held; choose again."
                    : "Not enough seats are left together in this grade. Nothing is held.",
                new Dictionary<string, object?> { ["takenSeatIds"] = result.TakenSeatIds }),
            HoldOutcome.NotAdmitted => TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not admitted from the waiting line.",
                detail: result.Reason,
                extensions: new Dictionary<string, object?> { ["queue"] = $"/api/performances/{id}/queue" }),
            HoldOutcome.CompanionWithoutWheelchair => TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "A companion seat needs a wheelchair space in the same hold.",
                detail: result.Reason,
                extensions: new Dictionary<string, object?> { ["rule"] = CompanionSeatRule.Name }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request breaks a rule.", detail: result.Reason),
        };
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, HoldService holds, HoldViewReader views)
    {
        var hold = await holds.FindAsync(id, MemberId(user));
        return hold is null || hold.Status != HoldStatus.Active
            ? Problems.NotFound("hold")
            : TypedResults.Ok((await views.DescribeAsync(hold)).ToResponse());
    }

    private static async Task<IResult> ReleaseAsync(Guid id, ClaimsPrincipal user, HoldService holds) =>
        await holds.ReleaseAsync(id, MemberId(user)) ? TypedResults.NoContent() : Problems.NotFound("hold");

    /// <summary>
    /// The signed-in member, straight from the claim Identity puts in every cookie and bearer token.
    /// Asking <c>UserManager</c> instead built a user store, and with it a database context, on every
    /// hold and release only to read this claim (issue 9's profile).
    /// </summary>
    private static string MemberId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
