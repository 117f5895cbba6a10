using AtTicket.Infrastructure.Identity;
using StackExchange.Redis;

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// Makes a changed security stamp reach every node's <see cref="SessionStamps"/> at once instead of at the end of
/// its check interval: the node that saved the account drops its copy, and with Redis it announces the member on a
/// channel every node listens to (from start-up, as a hosted service). A lost announcement (Redis down, a node
/// reconnecting) costs only time: that node reads the stamp again when its copy's interval ends.
/// </summary>
public sealed class SessionEndBroadcast(SessionStamps stamps, ILogger<SessionEndBroadcast> logger, IConnectionMultiplexer? redis = null)
    : ISessionStampListener, IHostedService
{
    internal static readonly RedisChannel Channel = RedisChannel.Literal("atticket:sessions:stamp-changed");
    private readonly string _nodeId = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stopping = new();
    private Task _listening = Task.CompletedTask;

    public async Task StampMayHaveChangedAsync(string memberId)
    {
        stamps.Forget(memberId);
        if (redis is null)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, $"{_nodeId}|{memberId}");
        }
        catch (RedisException exception)
        {
            logger.LogWarning(exception, "Could not tell other nodes that the sessions of member {MemberId} changed; they notice within their stamp check interval", memberId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: the node starts while Redis is down, and listens once it is back.
        _listening = redis is null ? Task.CompletedTask : ListenWhenAvailableAsync(redis, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _listening;
        if (redis is not null)
        {
            try
            {
                await redis.GetSubscriber().UnsubscribeAsync(Channel);
            }
            catch (RedisException)
            {
                // Redis is away: the subscription went with the connection.
            }
        }
    }

    private async Task ListenWhenAvailableAsync(IConnectionMultiplexer connection, CancellationToken stopping)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); !stopping.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(5, delay.TotalSeconds * 2)))
        {
            try
            {
                await connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnAnnouncement(message));
                return;
            }
            catch (RedisException exception)
            {
                logger.LogWarning(exception, "Cannot listen for other nodes' session ends yet; trying again in {Delay}", delay);
            }

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnAnnouncement(RedisValue message)
    {
        var parts = message.ToString().Split('|', 2);
        if (parts.Length == 2 && parts[0] != _nodeId)
        {
            stamps.Forget(parts[1]);
        }
    }
}
