using AtTicket.Infrastructure.Redis;
using StackExchange.Redis;

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// Makes a changed security stamp reach every node's <see cref="SessionStamps"/> at once instead of at the end of
/// its check interval: the node that saved the account drops its copy, and with Redis it announces the member on a
/// channel every node listens to (from start-up, as a hosted service). A lost announcement (Redis down, a node
/// reconnecting) costs only time: that node reads the stamp again when its copy's interval ends.
/// </summary>
public sealed class SessionEndBroadcast : ISessionStampListener, IHostedService
{
    private readonly SessionStamps _stamps;
    private readonly NodeAnnouncements? _announcements;

    public SessionEndBroadcast(SessionStamps stamps, ILogger<SessionEndBroadcast> logger, IConnectionMultiplexer? redis = null)
    {
        _stamps = stamps;
        _announcements = redis is null
            ? null
            : new NodeAnnouncements(redis, "atticket:sessions:stamp-changed", "session ends of member", stamps.Forget, logger);
    }

    public async Task StampMayHaveChangedAsync(string memberId)
    {
        _stamps.Forget(memberId);
        if (_announcements is not null)
        {
            await _announcements.AnnounceAsync(memberId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _announcements?.StartListening();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _announcements?.StopAsync() ?? Task.CompletedTask;
}
