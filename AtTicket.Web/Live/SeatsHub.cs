using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Live;

public sealed record SeatStatusMessage(int Id, SeatStatus Status);

public sealed record GradeRemainingMessage(int GradeId, int Remaining);

/// <summary>
/// What hub clients receive as "SeatsChanged" (API.md): the changes numbered <see cref="FromSequence"/>
/// to <see cref="Sequence"/> of one performance, folded into one message (each seat's latest status,
/// the remaining seats after the last of them), and when the oldest of them was published, so a
/// client timing the message times its longest-waiting change.
/// </summary>
public sealed record SeatsChangedMessage(
    int PerformanceId,
    long FromSequence,
    long Sequence,
    IReadOnlyList<SeatStatusMessage> Seats,
    IReadOnlyList<GradeRemainingMessage> Grades,
    DateTimeOffset PublishedAt)
{
    public static SeatsChangedMessage From(SeatsChanged change) => Fold([change]);

    /// <summary>Consecutive changes of one performance, oldest first, as one message.</summary>
    public static SeatsChangedMessage Fold(IReadOnlyList<SeatsChanged> changes)
    {
        var last = changes[^1];
        var seats = new Dictionary<int, SeatStatus>();
        foreach (var seat in changes.SelectMany(c => c.Seats))
        {
            seats[seat.SeatId] = seat.Status;
        }

        return new(
            last.PerformanceId,
            changes[0].Sequence,
            last.Sequence,
            [.. seats.Select(s => new SeatStatusMessage(s.Key, s.Value))],
            [.. last.Grades.Select(g => new GradeRemainingMessage(g.GradeId, g.Remaining))],
            changes[0].PublishedAt);
    }
}

/// <summary>
/// Live seat changes for clients that are not Blazor pages: <c>Subscribe(performanceId)</c>, then
/// "SeatsChanged" messages; a <c>fromSequence</c> that is not one past the last <c>sequence</c>, or a
/// "Resync" message, means reload the seats.
/// Availability is public, so the hub is too.
/// </summary>
public sealed class SeatsHub : Hub
{
    public const string Path = "/hubs/seats";

    public static string Group(int performanceId) => $"performance-{performanceId}";

    public Task Subscribe(int performanceId)
    {
        if (performanceId <= 0)
        {
            throw new HubException("performanceId must be a positive performance id.");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, Group(performanceId));
    }

    public Task Unsubscribe(int performanceId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(performanceId));
}
