using System.Security.Claims;
using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;
using AtTicket.Web.Hosting.Limits;

namespace AtTicket.Web.Api.Queues;

public sealed record QueuePlaceResponse(
    QueueStanding Standing,
    long Ahead,
    int? EstimatedWaitSeconds,
    DateTimeOffset? AdmittedUntil,
    int ShoppingWindowSeconds,
    string Epoch);

public sealed record QueueRulesRequest(DateTimeOffset? OpensAt, int? AdmitPerMinute, int? MaxShopping, int? ShoppingWindowMinutes, bool Paused);

public sealed record QueueLineResponse(DateTimeOffset OpensAt, int? AdmitPerMinute, int? MaxShopping, int ShoppingWindowSeconds, bool Paused, long Waiting, long Shopping);

/// <summary>The waiting line in front of an on-sale: members join, ask their place and leave; admins set its rules.</summary>
internal static class QueueEndpoints
{
    public static void MapQueueEndpoints(this RouteGroupBuilder api)
    {
        var queue = api.MapGroup("/performances/{id:int}/queue").WithTags("Waiting line");
        queue.MapPost("/", JoinAsync).RequireAuthorization().RequireClientLimit(LimitedAction.QueueJoin)
            .WithSummary("Joins the line (a second call, from any tab or device, keeps the same place) and answers the place.");
        queue.MapGet("/", PlaceAsync).RequireAuthorization()
            .WithSummary("The member's place; asking keeps it (a member who stops asking for the grace period leaves). `epoch`: from an earlier answer, so a line lost by its store answers LineReset.");
        queue.MapDelete("/", LeaveAsync).RequireAuthorization();
        queue.MapGet("/line", LineAsync).RequireAuthorization(ApiSetup.AdminPolicy).WithSummary("The line's rules and how many wait and shop.");
        queue.MapPut("/line", SetLineAsync).RequireAuthorization(ApiSetup.AdminPolicy)
            .WithSummary("Puts the on-sale behind a line, or changes its rules (rate and/or cap, window, pause); members keep their places.");
        queue.MapDelete("/line", EndLineAsync).RequireAuthorization(ApiSetup.AdminPolicy).WithSummary("Ends the line: everyone may choose seats again.");
    }

    private static async Task<IResult> JoinAsync(int id, ClaimsPrincipal user, WaitingLines lines, IWaitingRoom room) =>
        await lines.RulesAsync(id) is not { } rules
            ? NoLine()
            : TypedResults.Ok(ToResponse(await room.JoinAsync(id, MemberId(user), rules), rules));

    private static async Task<IResult> PlaceAsync(int id, string? epoch, ClaimsPrincipal user, WaitingLines lines, IWaitingRoom room) =>
        await lines.RulesAsync(id) is not { } rules
            ? NoLine()
            : TypedResults.Ok(ToResponse(await room.PlaceAsync(id, MemberId(user), rules, epoch), rules));

    private static async Task<IResult> LeaveAsync(int id, ClaimsPrincipal user, IWaitingRoom room)
    {
        await room.LeaveAsync(id, MemberId(user));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> LineAsync(int id, WaitingLines lines, IWaitingRoom room)
    {
        if (await lines.RulesAsync(id) is not { } rules)
        {
            return NoLine();
        }

        var counts = await room.CountAsync(id);
        return TypedResults.Ok(new QueueLineResponse(rules.OpensAt, rules.AdmitPerMinute, rules.MaxShopping, (int)rules.ShoppingWindow.TotalSeconds, rules.Paused, counts.Waiting, counts.Shopping));
    }

    private static async Task<IResult> SetLineAsync(int id, QueueRulesRequest request, WaitingLines lines)
    {
        if (request.OpensAt is not { } opensAt)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["opensAt"] = ["opensAt is required."] });
        }

        var window = request.ShoppingWindowMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        await lines.SetAsync(id, new QueueRules(opensAt, request.AdmitPerMinute, request.MaxShopping, window, paused: request.Paused));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> EndLineAsync(int id, WaitingLines lines) =>
        await lines.RemoveAsync(id) ? TypedResults.NoContent() : NoLine();

    private static IResult NoLine() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "This performance has no waiting line: choose seats on its page.");

    private static QueuePlaceResponse ToResponse(QueuePlace place, QueueRules rules) =>
        new(place.Standing, place.Ahead, place.EstimatedWait(rules) is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null,
            place.AdmittedUntil, (int)rules.ShoppingWindow.TotalSeconds, place.Epoch);

    private static string MemberId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
