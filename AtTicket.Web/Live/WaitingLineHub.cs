using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Live;

/// <summary>
/// "LineMoved" for clients that would rather be told than ask: <c>Follow(performanceId)</c> answers the line as it
/// stands, then a message comes each time its counts change (at most once per admission tick), and "LineEnded"
/// when the admin takes the line down (the seat map is open to all then). A follower asks
/// <c>GET /api/performances/{id}/queue</c> for its own place when told; that request also keeps the place.
/// The counts are public, like the seat availability, so the hub is too; a connection may follow at most
/// <see cref="SeatsHubOptions.MaxSubscriptionsPerConnection"/> lines, and only lines that exist.
/// </summary>
public sealed class WaitingLineHub(LineFollowers followers, IOptions<SeatsHubOptions> options) : Hub
{
    public const string Path = "/hubs/queue";

    public static string Group(int performanceId) => $"line-{performanceId}";

    public async Task<LineMovedMessage> Follow(int performanceId)
    {
        if (performanceId <= 0)
        {
            throw new HubException("performanceId must be a positive performance id.");
        }

        // One read of the line answers both "does it exist" and "how does it stand".
        var now = await followers.TryCurrentAsync(performanceId, Context.ConnectionAborted)
            ?? throw new HubException($"Performance {performanceId} has no waiting line.");

        if (!followers.TryFollow(Context.ConnectionId, performanceId, options.Value.MaxSubscriptionsPerConnection))
        {
            throw new HubException($"A connection may follow at most {options.Value.MaxSubscriptionsPerConnection} lines; unfollow one first.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(performanceId));
        return now;
    }

    public async Task Unfollow(int performanceId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(performanceId));
        followers.Unfollow(Context.ConnectionId, performanceId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        followers.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
