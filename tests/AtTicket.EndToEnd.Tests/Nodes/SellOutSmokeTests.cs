using AtTicket.LoadBench.Scenarios;
using AtTicket.LoadBench.Setup;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// The load benchmark's sell-out (S1b), small: a few hundred buyers rush one performance through
/// nginx on both nodes, most pay, the rest release, and the database is audited afterwards. No time
/// is asserted; a seat sold twice or money that does not add up fails it.
/// </summary>
[Collection(SellOutNodesCollection.Name)]
public sealed class SellOutSmokeTests(TwoNodes nodes)
{
    private const int Buyers = 300;
    private const int Rows = 8;
    private const int SeatsPerRow = 15;

    [Fact]
    public async Task A_rush_of_buyers_on_two_nodes_sells_every_seat_once_and_the_money_adds_up()
    {
        nodes.Require();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (admin, adminToken) = await BenchCatalog.SignInAsync(nodes.NginxUrl, Demo.AdminEmail, Demo.AdminPassword);
        using var _ = admin;
        var catalog = new BenchCatalog(admin);
        var (hallId, seats) = await catalog.CreateHallAsync($"Smoke hall {run}", Rows, SeatsPerRow);
        var productId = await catalog.CreateProductAsync($"Sell-out smoke {run}");
        var performance = await catalog.SchedulePerformanceAsync(productId, hallId, seats, DateTimeOffset.UtcNow.AddDays(10));

        // Members straight into the database with minted tokens: a few hundred password hashes would take minutes.
        var members = await MemberSeeder.InsertAsync(nodes.DatabaseConnectionString, $"smoke{run}", Buyers, TestContext.Current.CancellationToken);
        using var minter = new TokenMinter(nodes.DatabaseConnectionString);
        minter.EnsureSameShape(adminToken, members[0]);
        var buyers = members.Select(m => m with { AccessToken = minter.Mint(m) }).ToList();

        var result = await SellOut.RunAsync(nodes.NginxUrl, nodes.DatabaseConnectionString, performance, buyers, payingShare: 0.7, timeout: TimeSpan.FromMinutes(2));

        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems) + "\n" + nodes.Diagnostics());
        Assert.True(result.SoldOutSeconds is not null, $"Not sold out: {result.Audit.SeatsSold} of {result.Seats} seats sold, holds answered {Describe(result.Holds.Statuses)}, bookings {Describe(result.Bookings.Statuses)}.");
        Assert.Equal(result.Seats, result.Audit.SeatsSold);
        Assert.Equal(0, result.Audit.SeatsHeld);
        // A 503 (with Retry-After) is the answer for a database too swamped to finish a command in time, as
        // on a slow machine: the buyer tries again. No answer, a 500 or a proxy's error would be a fault.
        Assert.False(
            result.Holds.Statuses.Keys.Any(status => status is "none" or "500" or "502" or "504"),
            $"Holds answered {Describe(result.Holds.Statuses)}.\n{nodes.Diagnostics()}");
        Assert.Equal(result.BookingsAnswered, result.Bookings.Statuses.GetValueOrDefault("201"));
    }

    private static string Describe(IReadOnlyDictionary<string, int> statuses) => string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"));
}

/// <summary>
/// Two nodes of their own for the sell-out, on a database and Redis that no other test's faults
/// (a Redis restart, a killed node) touch while the buyers rush.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SellOutNodesCollection : ICollectionFixture<TwoNodes>
{
    public const string Name = "Two nodes behind nginx, for the sell-out";
}
