using System.Diagnostics;
using System.Globalization;
using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;
using AtTicket.LoadBench.Measuring;
using StackExchange.Redis;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>Q1 (issue 13): the waiting room's store on the bench's Redis, beside Redis's own primitives.</summary>
public sealed record WaitingLineResult(
    int Members,
    int Concurrency,
    CallStats RawJoins,
    CallStats Joins,
    CallStats RawPlaceChecks,
    CallStats PlaceChecks,
    double RedisBytesPerMember,
    int AdmitPerMinute,
    double AdmissionSeconds,
    int Admitted,
    double AdmittedPerMinute,
    bool AdmittedInJoinOrder,
    int Nodes,
    DateTimeOffset MeasuredAt,
    string Commit)
{
    /// <summary>The same line's place checks over HTTP, beside the trivial endpoint (<see cref="WaitingPagesOverHttp"/>).</summary>
    public WaitingPagesResult? Http { get; init; }
}

/// <summary>
/// Q1 measures the store every node shares, not the HTTP endpoints: 20,000 members join one line (each join is
/// one script: place check, append, expiry), then random members ask their place for 10 s. The raw figures are
/// the primitive each script is built on (ZADD NX for a join, ZRANK for a place check), sent the same way from
/// the same process at the same concurrency, so the ratio is what the scripts' extra steps cost. Admission
/// accuracy: two "nodes" (each its own connection) advance the line every second, as every node's ticker does,
/// and the admitted count is compared with the configured rate.
/// </summary>
public static class WaitingLineLoad
{
    private const int Members = 20_000;
    private const int Concurrency = 64;
    private const int AdmitPerMinute = 1_200;
    private static readonly TimeSpan PlaceCheckTime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AdmissionTime = TimeSpan.FromSeconds(30);

    public static async Task<WaitingLineResult> RunAsync(string redisConfiguration, string commit)
    {
        var adminOptions = ConfigurationOptions.Parse(redisConfiguration);
        adminOptions.AllowAdmin = true; // INFO memory
        await using var nodeA = await ConnectionMultiplexer.ConnectAsync(adminOptions);
        await using var nodeB = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
        var performanceId = 900_000 + Random.Shared.Next(99_999);
        var members = Enumerable.Range(0, Members).Select(i => $"bench-member-{i:D5}").ToArray();
        var rawKey = (RedisKey)$"atticket:bench:rawline:{performanceId}";
        var db = nodeA.GetDatabase();
        var roomA = new RedisWaitingRoom(nodeA, TimeProvider.System);
        var roomB = new RedisWaitingRoom(nodeB, TimeProvider.System);
        var paused = Rules(paused: true);
        try
        {
            var rawJoins = await TimeEachAsync(members, m => db.SortedSetAddAsync(rawKey, m, 1, SortedSetWhen.NotExists));
            var before = await UsedMemoryAsync(nodeA);
            var joins = await TimeEachAsync(members, m => roomA.JoinAsync(performanceId, m, paused));
            var bytesPerMember = (await UsedMemoryAsync(nodeA) - before) / (double)Members;
            var rawPlaces = await TimeForAsync(() => db.SortedSetRankAsync(rawKey, members[Random.Shared.Next(Members)]));
            var places = await TimeForAsync(() => roomA.PlaceAsync(performanceId, members[Random.Shared.Next(Members)], paused, null));
            var (admitted, seconds, inOrder) = await AdmitForAsync(performanceId, members, roomA, roomB);
            var result = new WaitingLineResult(
                Members, Concurrency, rawJoins, joins, rawPlaces, places, Math.Round(bytesPerMember),
                AdmitPerMinute, Math.Round(seconds, 1), admitted, Math.Round(admitted / seconds * 60, 1), inOrder, Nodes: 2, DateTimeOffset.UtcNow, commit);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  joins {joins.PerSecond:N0}/s (raw ZADD {rawJoins.PerSecond:N0}/s), place checks {places.PerSecond:N0}/s p99 {places.P99Ms} ms (raw ZRANK {rawPlaces.PerSecond:N0}/s), {bytesPerMember:N0} B/member, admitted {result.AdmittedPerMinute}/min of {AdmitPerMinute}"));
            return result;
        }
        finally
        {
            await db.KeyDeleteAsync(rawKey);
            await DeleteLineAsync(db, performanceId);
        }
    }

    private static QueueRules Rules(bool paused) =>
        new(DateTimeOffset.UtcNow.AddMinutes(-1), AdmitPerMinute, maxShopping: null, paused: paused);

    /// <summary>
    /// Resuming the paused line sets the rate's clock to now, so the admissions that follow are the rate's alone
    /// (no catch-up for the time the line was paused). Both nodes tick every second, out of step.
    /// </summary>
    private static async Task<(int Admitted, double Seconds, bool InOrder)> AdmitForAsync(int performanceId, string[] members, IWaitingRoom a, IWaitingRoom b)
    {
        await a.AdmitAsync(performanceId, Rules(paused: true));
        var running = Rules(paused: false);
        var clock = Stopwatch.StartNew();
        var admitted = 0;
        async Task TickAsync(IWaitingRoom room, TimeSpan offset)
        {
            await Task.Delay(offset);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (clock.Elapsed < AdmissionTime && await timer.WaitForNextTickAsync())
            {
                Interlocked.Add(ref admitted, await room.AdmitAsync(performanceId, running));
            }
        }

        await Task.WhenAll(TickAsync(a, TimeSpan.Zero), TickAsync(b, TimeSpan.FromMilliseconds(500)));
        var seconds = clock.Elapsed.TotalSeconds;
        var admittedFirst = await Task.WhenAll(members.Take(admitted).Select(m => a.IsAdmittedAsync(performanceId, m)));
        var nextWaits = admitted < members.Length && !await a.IsAdmittedAsync(performanceId, members[admitted]);
        return (admitted, seconds, admittedFirst.All(x => x) && nextWaits);
    }

    private static async Task<CallStats> TimeEachAsync<T>(string[] members, Func<string, Task<T>> call)
    {
        var log = new CallLog();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < members.Length)
            {
                var started = Stopwatch.GetTimestamp();
                await call(members[i]);
                log.Add(200, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return log.Summarize(clock.Elapsed.TotalSeconds);
    }

    private static async Task<CallStats> TimeForAsync<T>(Func<Task<T>> call)
    {
        var log = new CallLog();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (clock.Elapsed < PlaceCheckTime)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                log.Add(200, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return log.Summarize(clock.Elapsed.TotalSeconds);
    }

    private static async Task<long> UsedMemoryAsync(ConnectionMultiplexer redis)
    {
        var info = await redis.GetServer(redis.GetEndPoints()[0]).InfoAsync("memory");
        return long.Parse(info.SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The line's keys, as RedisWaitingRoom names them.</summary>
    private static async Task DeleteLineAsync(IDatabase db, int performanceId)
    {
        foreach (var part in new[] { "line", "seen", "admitted", "arrivals", "epoch", "clock", "pace", "recent" })
        {
            await db.KeyDeleteAsync($"atticket:queue:{{{performanceId}}}:{part}");
        }
    }
}
