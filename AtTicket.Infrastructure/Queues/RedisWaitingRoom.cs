using AtTicket.Domain.Queues;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Queues;

/// <summary>
/// The waiting room shared by every node: each line is eight Redis keys (one hash slot) changed only by the
/// scripts below, so a join, a place check or an admission is one atomic step whichever node sends it.
/// Keys live for a day after the line's last join or admission. If Redis loses them (a restart without
/// persistence), nobody is admitted any more until they join again: a lost line fails closed, and members who
/// knew the old epoch are told the line began again (<see cref="QueueStanding.LineReset"/>).
/// </summary>
public sealed class RedisWaitingRoom(IConnectionMultiplexer redis, TimeProvider time) : IWaitingRoom
{
    private static readonly TimeSpan KeyLife = TimeSpan.FromDays(1);

    // KEYS: 1 line (member -> draw or arrival), 2 seen (member -> last asked, ms), 3 admitted (member -> until, ms),
    // 4 arrivals counter, 5 epoch, 6 the rate's clock (ms), 7 pace (hash: since, admitted, observed ms), 8 recent
    // admissions ("at:count:first member" -> at, ms). place() answers {standing, ahead, until}; the codes are
    // QueueStanding's values.
    private const string Place = """
        local function place(member, now, opens)
            local untilMs = tonumber(redis.call('ZSCORE', KEYS[3], member) or '0')
            if untilMs > now then return {3, 0, untilMs} end
            local rank = redis.call('ZRANK', KEYS[1], member)
            if not rank then return {0, 0, 0} end
            redis.call('ZADD', KEYS[2], now, member)
            if now < opens then return {1, 0, 0} end
            return {2, rank, 0}
        end
        local function paced(p)
            local pace = redis.call('HMGET', KEYS[7], 'admitted', 'observed')
            p[5], p[6] = tonumber(pace[1] or '0'), tonumber(pace[2] or '0')
            return p
        end
        local function touch(ttl)
            for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ttl) end
        end
        """;

    // ARGV: now, opens, member, draw (0..1), new epoch, key life
    private const string JoinScript = Place + "\n" + """
        local now, opens, member = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
        redis.call('SET', KEYS[5], ARGV[5], 'NX')
        local p = place(member, now, opens)
        if p[1] == 0 then
            redis.call('ZREM', KEYS[3], member)
            local score = tonumber(ARGV[4])
            if now >= opens then score = 1 + redis.call('INCR', KEYS[4]) end
            redis.call('ZADD', KEYS[1], score, member)
            p = place(member, now, opens)
        end
        touch(ARGV[6])
        p[4] = redis.call('GET', KEYS[5])
        return paced(p)
        """;

    // ARGV: now, opens, member
    private const string PlaceScript = Place + "\n" + """
        local p = place(ARGV[3], tonumber(ARGV[1]), tonumber(ARGV[2]))
        p[4] = redis.call('GET', KEYS[5]) or ''
        return paced(p)
        """;

    // ARGV: now, opens, rate (0: none), cap (0: none), window ms, grace ms, paused (1/0), catch-up ms, key life,
    // pace window ms. The same arithmetic as AdmissionBudget; at most 1,000 members who left are dropped per call.
    // The pace counts the admissions of the last pace window, from the first call after the opening (AdmissionPace).
    private const string AdmitScript = """
        local now, opens = tonumber(ARGV[1]), tonumber(ARGV[2])
        local rate, cap = tonumber(ARGV[3]), tonumber(ARGV[4])
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
        if ARGV[7] == '1' or now < opens then
            redis.call('SET', KEYS[6], now)
            return 0
        end
        local start = math.max(tonumber(redis.call('GET', KEYS[6]) or opens), opens, now - tonumber(ARGV[8]))
        local budget, interval = 1e15, 0
        if rate > 0 then
            interval = 60000 / rate
            budget = math.floor((now - start) / interval)
        end
        if cap > 0 then budget = math.min(budget, math.max(0, cap - redis.call('ZCARD', KEYS[3]))) end
        local admitted, dropped, oldest, first = 0, 0, now - tonumber(ARGV[6]), ''
        while admitted < budget and dropped < 1000 do
            local head = redis.call('ZPOPMIN', KEYS[1])
            if #head == 0 then break end
            local seen = tonumber(redis.call('ZSCORE', KEYS[2], head[1]) or '0')
            redis.call('ZREM', KEYS[2], head[1])
            if seen >= oldest then
                redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), head[1])
                if admitted == 0 then first = head[1] end
                admitted = admitted + 1
            else
                dropped = dropped + 1
            end
        end
        redis.call('HSETNX', KEYS[7], 'since', now)
        if admitted > 0 then redis.call('ZADD', KEYS[8], now, now .. ':' .. admitted .. ':' .. first) end
        redis.call('ZREMRANGEBYSCORE', KEYS[8], '-inf', now - tonumber(ARGV[10]))
        local counted = 0
        for _, entry in ipairs(redis.call('ZRANGE', KEYS[8], 0, -1)) do
            counted = counted + tonumber(string.match(entry, '^%d+:(%d+):'))
        end
        redis.call('HSET', KEYS[7], 'admitted', counted, 'observed', now - tonumber(redis.call('HGET', KEYS[7], 'since')))
        if rate == 0 or redis.call('ZCARD', KEYS[1]) == 0 then
            redis.call('SET', KEYS[6], now)
        else
            redis.call('SET', KEYS[6], start + math.ceil(admitted * interval))
        end
        for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[9]) end
        return admitted
        """;

    private const string LeaveScript = """
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return 0
        """;

    public async Task<QueuePlace> JoinAsync(int performanceId, string memberId, QueueRules rules, CancellationToken cancellationToken = default)
    {
        var answer = await RunAsync(JoinScript, performanceId,
            [Ms(time.GetUtcNow()), Ms(rules.OpensAt), memberId, Random.Shared.NextDouble(), Guid.NewGuid().ToString("N"), (long)KeyLife.TotalMilliseconds]);
        return ToPlace(answer);
    }

    public async Task<QueuePlace> PlaceAsync(int performanceId, string memberId, QueueRules rules, string? knownEpoch, CancellationToken cancellationToken = default)
    {
        var answer = await RunAsync(PlaceScript, performanceId, [Ms(time.GetUtcNow()), Ms(rules.OpensAt), memberId]);
        return WaitingRoomAnswers.WithReset(ToPlace(answer), knownEpoch);
    }

    public Task LeaveAsync(int performanceId, string memberId, CancellationToken cancellationToken = default) =>
        RunAsync(LeaveScript, performanceId, [memberId]);

    public async Task<int> AdmitAsync(int performanceId, QueueRules rules, CancellationToken cancellationToken = default)
    {
        var answer = await RunAsync(AdmitScript, performanceId,
        [
            Ms(time.GetUtcNow()), Ms(rules.OpensAt), rules.AdmitPerMinute ?? 0, rules.MaxShopping ?? 0,
            (long)rules.ShoppingWindow.TotalMilliseconds, (long)rules.Grace.TotalMilliseconds, rules.Paused ? 1 : 0,
            (long)QueueRules.MaxCatchUp.TotalMilliseconds, (long)KeyLife.TotalMilliseconds, (long)AdmissionPace.Window.TotalMilliseconds,
        ]);
        return (int)answer;
    }

    public async Task<bool> IsAdmittedAsync(int performanceId, string memberId, CancellationToken cancellationToken = default)
    {
        var until = await redis.GetDatabase().SortedSetScoreAsync(Key(performanceId, "admitted"), memberId);
        return until > Ms(time.GetUtcNow());
    }

    public Task FinishAsync(int performanceId, string memberId, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().SortedSetRemoveAsync(Key(performanceId, "admitted"), memberId);

    public async Task<QueueCounts> CountAsync(int performanceId, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var waiting = db.SortedSetLengthAsync(Key(performanceId, "line"));
        var shopping = db.SortedSetLengthAsync(Key(performanceId, "admitted"), Ms(time.GetUtcNow()), double.PositiveInfinity, Exclude.Start);
        var pace = db.HashGetAsync(Key(performanceId, "pace"), ["admitted", "observed"]);
        var (admitted, observed) = await pace is [var a, var o] ? ((long?)a ?? 0, (long?)o ?? 0) : (0, 0);
        return new QueueCounts(await waiting, await shopping, Pace(admitted, observed));
    }

    private Task<RedisResult> RunAsync(string script, int performanceId, RedisValue[] values) =>
        redis.GetDatabase().ScriptEvaluateAsync(script,
            [Key(performanceId, "line"), Key(performanceId, "seen"), Key(performanceId, "admitted"),
             Key(performanceId, "arrivals"), Key(performanceId, "epoch"), Key(performanceId, "clock"),
             Key(performanceId, "pace"), Key(performanceId, "recent")],
            values);

    // The braces make every key of one line a single hash slot, as a Redis cluster needs for one script.
    private static RedisKey Key(int performanceId, string part) => $"atticket:queue:{{{performanceId}}}:{part}";

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static QueuePlace ToPlace(RedisResult answer)
    {
        var parts = (RedisResult[])answer!;
        var untilMs = (long)parts[2];
        return new QueuePlace(
            (QueueStanding)(int)parts[0],
            (long)parts[1],
            untilMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(untilMs) : null,
            (string?)parts[3] ?? string.Empty,
            Pace((long)parts[4], (long)parts[5]));
    }

    /// <summary>Null until the line has been counted (no admission step since the opening, or the keys were lost).</summary>
    private static AdmissionPace? Pace(long admitted, long observedMs) =>
        observedMs > 0 ? new AdmissionPace(admitted, TimeSpan.FromMilliseconds(observedMs)) : null;
}
