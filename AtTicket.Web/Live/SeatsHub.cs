using AtTicket.Domain.Live;
using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Live;

/// <summary>A seat's status as hub clients read it: the seat's id is "id" in the JSON (API.md).</summary>
public sealed record SeatStatusMessage(int Id, SeatStatus Status);

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
    IReadOnlyList<GradeRemaining> Grades,
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
            last.Grades,
            changes[0].PublishedAt);
    }
}

/// <summary>
/// Live seat changes for clients that are not Blazor pages: <c>Subscribe(performanceId)</c>, then
/// "SeatsChanged" messages; a <c>fromSequence</c> that is not one past the last <c>sequence</c>, or a
/// "Resync" message, means reload the seats.
/// Availability is public, so the hub is too; a connection may follow only performances customers can
/// see, and at most <see cref="SeatsHubOptions.MaxSubscriptionsPerConnection"/> of them. A refused
/// subscription is a hub error; the connection stays open.
/// </summary>
public sealed class SeatsHub(CatalogReader catalog, IOptions<SeatsHubOptions> options) : Hub
{
    public const string Path = "/hubs/seats";

    private const string SubscriptionsKey = "atticket.subscriptions";

    public static string Group(int performanceId) => $"performance-{performanceId}";

    public async Task Subscribe(int performanceId)
    {
        if (performanceId <= 0)
        {
            throw new HubException("performanceId must be a positive performance id.");
        }

        if (await catalog.GetPerformanceAsync(performanceId, includeUnpublished: false, Context.ConnectionAborted) is null)
        {
            throw new HubException($"There is no performance {performanceId} on sale.");
        }

        var subscriptions = Subscriptions();
        var limit = options.Value.MaxSubscriptionsPerConnection;
        lock (subscriptions)
        {
            if (!subscriptions.Contains(performanceId) && subscriptions.Count >= limit)
            {
                throw new HubException($"A connection may follow at most {limit} performances; unsubscribe from one first.");
            }

            subscriptions.Add(performanceId);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(performanceId));
    }

    public async Task Unsubscribe(int performanceId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(performanceId));
        var subscriptions = Subscriptions();
        lock (subscriptions)
        {
            subscriptions.Remove(performanceId);
        }
    }

    /// <summary>This connection's performances; hub instances live for one call, the connection's items for the connection.</summary>
    private HashSet<int> Subscriptions()
    {
        lock (Context.Items)
        {
            if (Context.Items.TryGetValue(SubscriptionsKey, out var items) && items is HashSet<int> set)
            {
                return set;
            }

            var created = new HashSet<int>();
            Context.Items[SubscriptionsKey] = created;
            return created;
        }
    }
}
