using AtTicket.Domain.Members;

namespace AtTicket.Web.Components.Account.Throttling;

/// <summary>Who is logging in: the account asked for, the client's address, and the device id when the browser proved it signed in to that account before.</summary>
public sealed record LoginClient(string Account, string Address, string? Device);

/// <summary>
/// Failed logins slow the client down instead of locking the account: per account and address, per address
/// (one bot trying many accounts) and per account (many addresses trying one), each with growing waits. A
/// browser that has signed in to the account before (<see cref="KnownDevices"/>) is counted on its own, so an
/// attack on the account does not keep its owner out. Why besides the login limit of <see cref="ClientLimits"/>:
/// that one caps how often anyone may try in a short window; this one remembers failures for a day, so slow,
/// patient guessing gets slower and slower. Both count in <see cref="LimitCounters"/> (Redis when configured,
/// so every node sees the same failures); no database column is involved.
/// </summary>
public sealed class LoginThrottle(LimitCounters counters, TimeProvider time, ILogger<LoginThrottle> logger)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);
    public static readonly LoginBackoff PerKnownDevice = new(FreeFailures: 5, MaxWait);
    public static readonly LoginBackoff PerAccountAndAddress = new(FreeFailures: 5, MaxWait);
    public static readonly LoginBackoff PerAddress = new(FreeFailures: 20, MaxWait);
    public static readonly LoginBackoff PerAccount = new(FreeFailures: 20, MaxWait);

    /// <summary>A count fades this long after its last failure.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    /// <summary>How long the client must wait before its next attempt is checked; zero when it may try now.</summary>
    public async ValueTask<TimeSpan> WaitForAsync(LoginClient client)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var (key, backoff) in Counters(client))
        {
            var failures = await counters.ReadAsync(key);
            if (failures.Value > 0)
            {
                // Sliding counters: the last failure was when the full day of life started again.
                var lastAt = now - (Forget - failures.ExpiresIn);
                var left = backoff.Remaining((int)Math.Min(failures.Value, int.MaxValue), lastAt, now);
                wait = left > wait ? left : wait;
            }
        }

        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning("Login for {Account} from {Address} refused unchecked: {Seconds:N0} s of back-off left", client.Account, client.Address, wait.TotalSeconds);
        }

        return wait;
    }

    public async ValueTask FailedAsync(LoginClient client)
    {
        foreach (var (key, _) in Counters(client))
        {
            await counters.IncrementAsync(key, Forget, sliding: true);
        }

        logger.LogWarning("Failed login for {Account} from {Address} (known device: {Known})", client.Account, client.Address, client.Device is not null);
    }

    /// <summary>The rightful owner got in: this client's own count starts again (the address and account totals stay).</summary>
    public ValueTask SucceededAsync(LoginClient client) => counters.ResetAsync(Counters(client)[0].Key);

    private static (string Key, LoginBackoff Backoff)[] Counters(LoginClient client) =>
        client.Device is { } device
            ? [($"login:device:{device}:{client.Account}", PerKnownDevice)]
            :
            [
                ($"login:pair:{client.Account}:{client.Address}", PerAccountAndAddress),
                ($"login:address:{client.Address}", PerAddress),
                ($"login:account:{client.Account}", PerAccount),
            ];
}
