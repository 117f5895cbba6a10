using System.Diagnostics;

namespace AtTicket.LoadBench.Setup;

/// <summary>
/// Makes what the scenarios need on the running nodes: the performances (admin API), the members
/// (inserted, with minted tokens), and the proof that a minted token is accepted by every node
/// before anything is measured.
/// </summary>
public static class BenchSetup
{
    public static async Task<BenchContext> RunAsync(BenchOptions options)
    {
        var clock = Stopwatch.StartNew();

        // A real sign-in first: it also makes the nodes create the shared key ring if none exists yet.
        var (admin, adminToken) = await BenchCatalog.SignInAsync(options.NginxUrl, options.AdminEmail, options.AdminPassword);
        var catalog = new BenchCatalog(admin);
        var (hallId, seats) = await catalog.CreateHallAsync($"Bench hall {DateTime.UtcNow:HHmmss}", options.Rows, options.SeatsPerRow);
        var productId = await catalog.CreateProductAsync($"Flash sale benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm}");
        var startsAt = DateTimeOffset.UtcNow.AddDays(7);
        var churned = await catalog.SchedulePerformanceAsync(productId, hallId, seats, startsAt);
        var sellOut = await catalog.SchedulePerformanceAsync(productId, hallId, seats, startsAt.AddDays(1));
        var profiled = await catalog.SchedulePerformanceAsync(productId, hallId, seats, startsAt.AddDays(2));
        var mailPerformances = new List<BenchPerformance>();
        if (options.Scenarios.Contains("m1"))
        {
            while (mailPerformances.Sum(p => p.Seats.Count) < options.MailBookings)
            {
                mailPerformances.Add(await catalog.SchedulePerformanceAsync(productId, hallId, seats, startsAt.AddDays(3 + mailPerformances.Count)));
            }
        }

        var count = options.SustainedClients + Math.Max(options.Buyers, options.MailBookings) + 1;
        var inserted = await MemberSeeder.InsertAsync(options.Database, $"bench{DateTime.UtcNow:HHmmss}", count);
        using var minter = new TokenMinter(options.Database);
        minter.EnsureSameShape(adminToken, inserted[0]);
        var members = inserted.Select(m => m with { AccessToken = minter.Mint(m) }).ToList();

        var context = new BenchContext(options, admin, adminToken)
        {
            Churned = churned,
            SellOut = sellOut,
            Profiled = profiled,
            MailPerformances = mailPerformances,
            Churners = members[..options.SustainedClients],
            Buyers = members[options.SustainedClients..(options.SustainedClients + options.Buyers)],
            Bookers = members[options.SustainedClients..(options.SustainedClients + options.MailBookings)],
            Profiler = members[^1],
        };
        await ProveTokensAsync(context);
        Console.WriteLine(
            $"setup: {seats.Count} seats per performance (churn #{churned.PerformanceId}, sell-out #{sellOut.PerformanceId}, profile #{profiled.PerformanceId}), " +
            $"{members.Count} members with minted tokens, in {clock.Elapsed.TotalSeconds:0.0} s");
        return context;
    }

    /// <summary>Every node accepts a minted token, and one holds and releases seats through nginx with it.</summary>
    private static async Task ProveTokensAsync(BenchContext context)
    {
        var member = context.Profiler;
        foreach (var node in context.Options.NodeUrls)
        {
            using var direct = new BuyerClient(node, member);
            var (status, _) = await direct.GetAsync("/api/bookings");
            if (status != 200)
            {
                throw new InvalidOperationException($"{node} refused a minted bearer token: GET /api/bookings answered {status}.");
            }
        }

        using var client = new BuyerClient(context.Options.NginxUrl, member);
        var seat = context.Profiled.Seats[^1].Id;
        var hold = await client.HoldAsync(context.Profiled.PerformanceId, [seat]);
        if (hold.Status != 201)
        {
            throw new InvalidOperationException($"A hold with a minted token failed: {hold.Status}.");
        }

        var (released, _) = await client.ReleaseAsync(hold.HoldId!.Value);
        if (released != 204)
        {
            throw new InvalidOperationException($"Releasing the proof hold answered {released}.");
        }
    }
}
