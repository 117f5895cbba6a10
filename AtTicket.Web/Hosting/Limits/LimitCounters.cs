using StackExchange.Redis;

namespace AtTicket.Web.Hosting.Limits;

/// <summary>A counter's value and how long until it expires.</summary>
public readonly record struct LimitCount(long Value, TimeSpan ExpiresIn);

/// <summary>
/// The counters behind every abuse limit (<see cref="ClientLimits"/>, <see cref="Components.Account.Throttling.LoginThrottle"/>).
/// With Redis configured and answering they live there, so all nodes share one count (one atomic script per
/// increment); otherwise, and whenever Redis fails, in this node's memory: a limit never fails a request.
/// </summary>
public sealed class LimitCounters(TimeProvider time, ILogger<LimitCounters> logger, IConnectionMultiplexer? redis = null)
{
    private const string Prefix = "atticket:limits:";

    // INCR, and PEXPIRE when the counter is new, sliding or has lost its expiry; answers {count, ms left}.
    private const string IncrementScript = """
        local n = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if n == 1 or ARGV[2] == '1' or ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return {n, ttl}
        """;

    // The same for several counters in order, stopping at the first past its permit (ARGV[1 + i]); answers
    // {index of that counter (0: none), its count, ms left}. One round trip for all of a request's limits.
    private const string IncrementUntilOverScript = """
        for i = 1, #KEYS do
            local n = redis.call('INCR', KEYS[i])
            local ttl = redis.call('PTTL', KEYS[i])
            if n == 1 or ttl < 0 then
                redis.call('PEXPIRE', KEYS[i], ARGV[1])
                ttl = tonumber(ARGV[1])
            end
            if n > tonumber(ARGV[i + 1]) then return {i, n, ttl} end
        end
        return {0, 0, 0}
        """;

    private const string ReadScript = """
        local n = redis.call('GET', KEYS[1])
        if not n then return {0, 0} end
        return {tonumber(n), redis.call('PTTL', KEYS[1])}
        """;

    private readonly MemoryLimitCounters _memory = new(time);
    private int _redisFailing;

    /// <summary>
    /// Adds one to <paramref name="key"/>. A new counter lives <paramref name="lifetime"/> (a fixed window);
    /// a <paramref name="sliding"/> one lives that long after its last increment.
    /// </summary>
    public async ValueTask<LimitCount> IncrementAsync(string key, TimeSpan lifetime, bool sliding = false)
    {
        if (await TryRedisAsync(IncrementScript, key, [(long)lifetime.TotalMilliseconds, sliding ? 1 : 0]) is { } shared)
        {
            return shared;
        }

        return _memory.Increment(key, lifetime, sliding);
    }

    /// <summary>
    /// Adds one to each fixed-window counter in turn, stopping at the first whose count passes its permits: that
    /// counter's position and count, or null when every one fits. Counters after a full one are not touched.
    /// </summary>
    public async ValueTask<(int Index, LimitCount Count)?> IncrementUntilOverAsync(IReadOnlyList<(string Key, int Permits)> counters, TimeSpan lifetime)
    {
        RedisValue[] arguments = [(long)lifetime.TotalMilliseconds, .. counters.Select(c => (RedisValue)c.Permits)];
        if (await TryRedisAsync(IncrementUntilOverScript, [.. counters.Select(c => c.Key)], arguments) is { } shared)
        {
            var index = (int)shared[0];
            return index == 0 ? null : (index - 1, new LimitCount((long)shared[1], TimeSpan.FromMilliseconds(Math.Max(0, (long)shared[2]))));
        }

        for (var i = 0; i < counters.Count; i++)
        {
            var count = _memory.Increment(counters[i].Key, lifetime, sliding: false);
            if (count.Value > counters[i].Permits)
            {
                return (i, count);
            }
        }

        return null;
    }

    public async ValueTask<LimitCount> ReadAsync(string key) =>
        await TryRedisAsync(ReadScript, key, []) ?? _memory.Read(key);

    public async ValueTask ResetAsync(string key)
    {
        _memory.Reset(key);
        if (redis is { IsConnected: true })
        {
            try
            {
                await redis.GetDatabase().KeyDeleteAsync(Prefix + key);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                RedisFailed(e);
            }
        }
    }

    private async ValueTask<LimitCount?> TryRedisAsync(string script, string key, RedisValue[] arguments) =>
        await TryRedisAsync(script, [key], arguments) is { } result
            ? new LimitCount((long)result[0], TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1])))
            : null;

    private async ValueTask<RedisResult[]?> TryRedisAsync(string script, string[] keys, RedisValue[] arguments)
    {
        if (redis is null)
        {
            return null;
        }

        if (!redis.IsConnected)
        {
            RedisFailed(null);
            return null;
        }

        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(script, [.. keys.Select(k => (RedisKey)(Prefix + k))], arguments))!;
            if (Interlocked.Exchange(ref _redisFailing, 0) == 1)
            {
                logger.LogInformation("Limit counters are back in Redis");
            }

            return result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RedisFailed(e);
            return null;
        }
    }

    /// <summary>Logged once per outage, not once per request.</summary>
    private void RedisFailed(Exception? error)
    {
        if (Interlocked.Exchange(ref _redisFailing, 1) == 0)
        {
            logger.LogWarning(error, "Redis does not answer: limit counters fall back to this node's memory until it does");
        }
    }
}
