using System.Globalization;
using StackExchange.Redis;

namespace AtTicket.LoadBench.Measuring;

/// <summary>How many of each command Redis ran, from INFO commandstats; the difference around an operation tells its Redis round trips.</summary>
public sealed class RedisCommandCounts(IConnectionMultiplexer redis)
{
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync()
    {
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var sections = await server.InfoAsync("commandstats");
        return sections.SelectMany(s => s)
            .Where(p => p.Key.StartsWith("cmdstat_", StringComparison.Ordinal))
            .ToDictionary(
                p => p.Key["cmdstat_".Length..],
                p => long.Parse(p.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Commands per operation between two readings, leaving out this reader's own INFO calls.</summary>
    public static IReadOnlyDictionary<string, double> PerOperation(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, int operations) =>
        after.Where(p => p.Key != "info")
            .Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .ToDictionary(p => p.Key, p => Math.Round((double)p.Count / operations, 2));
}
