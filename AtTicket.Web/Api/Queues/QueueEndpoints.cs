using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;

namespace AtTicket.Web.Api.Queues;

/// <param name="EstimatedWaitSeconds">At the line's measured admission rate (the configured one until measured); null while paused.</param>
/// <param name="Paused">The admin has paused admissions: the member keeps the place, and it does not move meanwhile.</param>
public sealed record QueuePlaceResponse(
    QueueStanding Standing,
    long Ahead,
    int? EstimatedWaitSeconds,
    DateTimeOffset? AdmittedUntil,
    int ShoppingWindowSeconds,
    string Epoch,
    bool Paused);

/// <param name="GraceSeconds">How long a member's page may stop asking before the member loses the place: 10 to 1,800 (default 120).</param>
public sealed record QueueRulesRequest(DateTimeOffset? OpensAt, int? AdmitPerMinute, int? MaxShopping, int? ShoppingWindowMinutes, bool Paused, int? GraceSeconds = null);

/// <param name="MeasuredPerMinute">Admissions a minute the store counted lately; null before there is a measurement.</param>
public sealed record QueueLineResponse(
    DateTimeOffset OpensAt,
    int? AdmitPerMinute,
    int? MaxShopping,
    int ShoppingWindowSeconds,
    int GraceSeconds,
    bool Paused,
    long Waiting,
    long Shopping,
    double? MeasuredPerMinute);

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
        return TypedResults.Ok(new QueueLineResponse(
            rules.OpensAt, rules.AdmitPerMinute, rules.MaxShopping, (int)rules.ShoppingWindow.TotalSeconds, (int)rules.Grace.TotalSeconds, rules.Paused,
            counts.Waiting, counts.Shopping, counts.Pace?.PerMinute is { } measured ? Math.Round(measured, 1) : null));
    }

    private static async Task<IResult> SetLineAsync(int id, QueueRulesRequest request, WaitingLines lines)
    {
        if (request.OpensAt is not { } opensAt)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["opensAt"] = ["opensAt is required."] });
        }

        var grace = request.GraceSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (grace is { } given && !QueueRules.AllowsGrace(given))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["graceSeconds"] = [QueueRules.GraceOutOfRange] }, detail: QueueRules.GraceOutOfRange);
        }

        var window = request.ShoppingWindowMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        return await lines.SetAsync(id, new QueueRules(opensAt, request.AdmitPerMinute, request.MaxShopping, window, grace, request.Paused))
            ? TypedResults.NoContent()
            : Problems.NotFound("performance");
    }

    private static async Task<IResult> EndLineAsync(int id, WaitingLines lines) =>
        await lines.RemoveAsync(id) ? TypedResults.NoContent() : NoLine();

    private static IResult NoLine() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "This performance has no waiting line: choose seats on its page.");

    private static QueuePlaceResponse ToResponse(QueuePlace place, QueueRules rules) =>
        new(place.Standing, place.Ahead, place.EstimatedWait(rules) is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null,
            place.AdmittedUntil, (int)rules.ShoppingWindow.TotalSeconds, place.Epoch, rules.Paused);

    private static string MemberId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
