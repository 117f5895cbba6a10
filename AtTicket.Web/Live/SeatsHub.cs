using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Live;

public sealed record SeatStatusMessage(int Id, SeatStatus Status);

public sealed record GradeRemainingMessage(int GradeId, int Remaining);

/// <summary>What hub clients receive as "SeatsChanged" (API.md).</summary>
public sealed record SeatsChangedMessage(int PerformanceId, long Sequence, IReadOnlyList<SeatStatusMessage> Seats, IReadOnlyList<GradeRemainingMessage> Grades)
{
    public static SeatsChangedMessage From(SeatsChanged change) => new(
        change.PerformanceId,
        change.Sequence,
        [.. change.Seats.Select(s => new SeatStatusMessage(s.SeatId, s.Status))],
        [.. change.Grades.Select(g => new GradeRemainingMessage(g.GradeId, g.Remaining))]);
}

/// <summary>
/// Live seat changes for clients that are not Blazor pages: <c>Subscribe(performanceId)</c>, then
/// "SeatsChanged" messages; a gap in <c>sequence</c>, or a "Resync" message, means reload the seats.
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
