using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;

namespace AtTicket.Web.Live;

/// <param name="Waiting">Members in line.</param>
/// <param name="Shopping">Members admitted and not yet done.</param>
/// <param name="AdmittedPerMinute">The measured admission rate (the configured one until measured); null when only an unmeasured cap admits.</param>
public sealed record LineMovedMessage(int PerformanceId, long Waiting, long Shopping, bool Paused, double? AdmittedPerMinute);

/// <summary>
/// The lines this node's hub connections follow. Only those are read each tick, so a node nobody follows through
/// the hub pays nothing; each read is one count of the shared line, however many follow it.
/// </summary>
public sealed class LineFollowers(WaitingLines lines, IWaitingRoom room)
{
    private readonly Dictionary<string, HashSet<int>> _byConnection = [];
    private readonly Dictionary<int, int> _followerCounts = [];

    public bool TryFollow(string connectionId, int performanceId, int limit)
    {
        lock (_byConnection)
        {
            var followed = _byConnection.TryGetValue(connectionId, out var set) ? set : _byConnection[connectionId] = [];
            if (followed.Contains(performanceId))
            {
                return true;
            }

            if (followed.Count >= limit)
            {
                return false;
            }

            followed.Add(performanceId);
            _followerCounts[performanceId] = _followerCounts.GetValueOrDefault(performanceId) + 1;
            return true;
        }
    }

    public void Unfollow(string connectionId, int performanceId)
    {
        lock (_byConnection)
        {
            if (_byConnection.TryGetValue(connectionId, out var followed) && followed.Remove(performanceId))
            {
                Release(performanceId);
            }
        }
    }

    public void Forget(string connectionId)
    {
        lock (_byConnection)
        {
            if (_byConnection.Remove(connectionId, out var followed))
            {
                foreach (var performanceId in followed)
                {
                    Release(performanceId);
                }
            }
        }
    }

    public IReadOnlyList<int> Followed()
    {
        lock (_byConnection)
        {
            return [.. _followerCounts.Keys];
        }
    }

    /// <summary>The line as it stands; null once it has been taken down.</summary>
    public async Task<LineMovedMessage?> TryCurrentAsync(int performanceId, CancellationToken cancellationToken)
    {
        if (await lines.RulesAsync(performanceId, cancellationToken) is not { } rules)
        {
            return null;
        }

        var counts = await room.CountAsync(performanceId, cancellationToken);
        // Rounded so that a rate measured a hair differently each tick is not news.
        var perMinute = AdmissionPace.RateFor(counts.Pace, rules) is { } rate ? Math.Round(rate, 1) : (double?)null;
        return new(performanceId, counts.Waiting, counts.Shopping, rules.Paused, perMinute);
    }

    private void Release(int performanceId)
    {
        if (--_followerCounts[performanceId] == 0)
        {
            _followerCounts.Remove(performanceId);
        }
    }
}
