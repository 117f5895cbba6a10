using AtTicket.Domain.Queues;

namespace AtTicket.Infrastructure.Queues;

/// <summary>The waiting room of a single node: each performance's line in this process's memory, one lock per line.</summary>
public sealed class InProcessWaitingRoom(TimeProvider time) : IWaitingRoom
{
    private readonly Dictionary<int, Line> _lines = [];

    public Task<QueuePlace> JoinAsync(int performanceId, string memberId, QueueRules rules, CancellationToken cancellationToken = default)
    {
        var line = LineOf(performanceId);
        lock (line)
        {
            var now = time.GetUtcNow();
            if (line.PlaceOf(memberId, now, rules).Standing == QueueStanding.NotInLine)
            {
                line.Admitted.Remove(memberId);
                line.Enter(memberId, now < rules.OpensAt ? Random.Shared.NextDouble() : 1 + ++line.Arrivals);
            }

            return Task.FromResult(line.PlaceOf(memberId, now, rules));
        }
    }

    public Task<QueuePlace> PlaceAsync(int performanceId, string memberId, QueueRules rules, string? knownEpoch, CancellationToken cancellationToken = default)
    {
        var line = LineOf(performanceId);
        lock (line)
        {
            var place = line.PlaceOf(memberId, time.GetUtcNow(), rules);
            return Task.FromResult(WaitingRoomAnswers.WithReset(place, knownEpoch));
        }
    }

    public Task LeaveAsync(int performanceId, string memberId, CancellationToken cancellationToken = default)
    {
        var line = LineOf(performanceId);
        lock (line)
        {
            line.Leave(memberId);
        }

        return Task.CompletedTask;
    }

    public Task<int> AdmitAsync(int performanceId, QueueRules rules, CancellationToken cancellationToken = default)
    {
        var line = LineOf(performanceId);
        lock (line)
        {
            var now = time.GetUtcNow();
            line.DropEndedAdmissions(now);
            var (budget, start) = AdmissionBudget.At(rules, line.Clock, now, line.Admitted.Count);
            var admitted = 0;
            while (admitted < budget && line.Order.Min is var (_, member) && member is not null)
            {
                var seen = line.Seen[member];
                line.Leave(member);
                if (seen >= now - rules.Grace)
                {
                    line.Admitted[member] = now + rules.ShoppingWindow;
                    admitted++;
                }
            }

            line.Clock = AdmissionBudget.Advance(rules, start, admitted, line.Order.Count == 0, now);
            if (!rules.Paused && now >= rules.OpensAt)
            {
                line.Count(admitted, now);
            }

            return Task.FromResult(admitted);
        }
    }

    public Task<bool> IsAdmittedAsync(int performanceId, string memberId, CancellationToken cancellationToken = default)
    {
        var line = LineOf(performanceId);
        lock (line)
        {
            return Task.FromResult(line.Admitted.TryGetValue(memberId, out var until) && until > time.GetUtcNow());
        }
    }

    public Task FinishAsync(int performanceId, string memberId, CancellationToken cancellationToken = default)
    {
        var line = LineOf(performanceId);
        lock (line)
        {
            line.Admitted.Remove(memberId);
        }

        return Task.CompletedTask;
    }

    public Task<QueueCounts> CountAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var line = LineOf(performanceId);
        lock (line)
        {
            var now = time.GetUtcNow();
            return Task.FromResult(new QueueCounts(line.Order.Count, line.Admitted.Values.Count(until => until > now), line.Pace));
        }
    }

    private Line LineOf(int performanceId)
    {
        lock (_lines)
        {
            return _lines.TryGetValue(performanceId, out var line) ? line : _lines[performanceId] = new Line();
        }
    }

    /// <summary>One performance's line: members ordered by their draw or arrival, when each last asked, who shops until when.</summary>
    private sealed class Line
    {
        public readonly SortedSet<(double Score, string Member)> Order = [];
        public readonly Dictionary<string, double> Scores = [];
        public readonly Dictionary<string, DateTimeOffset> Seen = [];
        public readonly Dictionary<string, DateTimeOffset> Admitted = [];
        public readonly string Epoch = Guid.NewGuid().ToString("N");
        private readonly Queue<(DateTimeOffset At, int Admitted)> _recent = [];
        private DateTimeOffset? _countingSince;
        public long Arrivals;
        public DateTimeOffset? Clock;
        public AdmissionPace? Pace;

        public void Enter(string member, double score)
        {
            Scores[member] = score;
            Order.Add((score, member));
        }

        public void Leave(string member)
        {
            if (Scores.Remove(member, out var score))
            {
                Order.Remove((score, member));
            }

            Seen.Remove(member);
        }

        /// <summary>Counts one step's admissions; the pace is those of the last minute, from the first step after the opening.</summary>
        public void Count(int admitted, DateTimeOffset now)
        {
            _countingSince ??= now;
            if (admitted > 0)
            {
                _recent.Enqueue((now, admitted));
            }

            while (_recent.TryPeek(out var oldest) && oldest.At <= now - AdmissionPace.Window)
            {
                _recent.Dequeue();
            }

            Pace = new AdmissionPace(_recent.Sum(r => (long)r.Admitted), now - _countingSince.Value);
        }

        public void DropEndedAdmissions(DateTimeOffset now)
        {
            foreach (var (member, until) in Admitted.Where(a => a.Value <= now).ToList())
            {
                Admitted.Remove(member);
            }
        }

        public QueuePlace PlaceOf(string member, DateTimeOffset now, QueueRules rules)
        {
            if (Admitted.TryGetValue(member, out var until) && until > now)
            {
                return new QueuePlace(QueueStanding.Admitted, 0, until, Epoch, Pace);
            }

            if (!Scores.TryGetValue(member, out var score))
            {
                return new QueuePlace(QueueStanding.NotInLine, 0, null, Epoch, Pace);
            }

            Seen[member] = now;
            return now < rules.OpensAt
                ? new QueuePlace(QueueStanding.BeforeOpening, 0, null, Epoch, Pace)
                : new QueuePlace(QueueStanding.Waiting, Order.GetViewBetween(Order.Min, (score, member)).Count - 1, null, Epoch, Pace);
        }
    }
}
