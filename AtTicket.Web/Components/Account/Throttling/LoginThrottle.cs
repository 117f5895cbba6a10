using AtTicket.Domain.Members;
using Microsoft.Extensions.Caching.Memory;

namespace AtTicket.Web.Components.Account.Throttling;

/// <summary>Who is logging in: the account asked for, the client's address, and the device id when the browser proved it signed in to that account before.</summary>
public sealed record LoginClient(string Account, string Address, string? Device);

/// <summary>
/// Failed logins slow the client down instead of locking the account: per account and address, per address
/// (one bot trying many accounts) and per account (many addresses trying one), each with growing waits. A
/// browser that has signed in to the account before (<see cref="KnownDevices"/>) is counted on its own, so an
/// attack on the account does not keep its owner out. Counts live in memory on each node and fade a day after
/// the last failure; no database column is involved.
/// </summary>
public sealed class LoginThrottle(IMemoryCache cache, TimeProvider time, ILogger<LoginThrottle> logger)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);
    public static readonly LoginBackoff PerKnownDevice = new(FreeFailures: 5, MaxWait);
    public static readonly LoginBackoff PerAccountAndAddress = new(FreeFailures: 5, MaxWait);
    public static readonly LoginBackoff PerAddress = new(FreeFailures: 20, MaxWait);
    public static readonly LoginBackoff PerAccount = new(FreeFailures: 20, MaxWait);

    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    /// <summary>How long the client must wait before its next attempt is checked; zero when it may try now.</summary>
    public TimeSpan WaitFor(LoginClient client)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var (key, backoff) in Counters(client))
        {
            if (cache.TryGetValue(key, out Failures? failures))
            {
                lock (failures!)
                {
                    var left = backoff.Remaining(failures.Count, failures.LastAt, now);
                    wait = left > wait ? left : wait;
                }
            }
        }

        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning("Login for {Account} from {Address} refused unchecked: {Seconds:N0} s of back-off left", client.Account, client.Address, wait.TotalSeconds);
        }

        return wait;
    }

    public void Failed(LoginClient client)
    {
        var now = time.GetUtcNow();
        foreach (var (key, _) in Counters(client))
        {
            var failures = cache.GetOrCreate(key, entry =>
            {
                entry.SlidingExpiration = Forget;
                return new Failures();
            })!;
            lock (failures)
            {
                failures.Count++;
                failures.LastAt = now;
            }
        }

        logger.LogWarning("Failed login for {Account} from {Address} (known device: {Known})", client.Account, client.Address, client.Device is not null);
    }

    /// <summary>The rightful owner got in: this client's own count starts again (the address and account totals stay).</summary>
    public void Succeeded(LoginClient client) => cache.Remove(Counters(client)[0].Key);

    private static (string Key, LoginBackoff Backoff)[] Counters(LoginClient client) =>
        client.Device is { } device
            ? [($"login:device:{device}:{client.Account}", PerKnownDevice)]
            :
            [
                ($"login:pair:{client.Account}:{client.Address}", PerAccountAndAddress),
                ($"login:address:{client.Address}", PerAddress),
                ($"login:account:{client.Account}", PerAccount),
            ];

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset LastAt { get; set; }
    }
}
