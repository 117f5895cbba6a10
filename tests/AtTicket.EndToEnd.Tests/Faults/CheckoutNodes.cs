using AtTicket.EndToEnd.Tests.Nodes;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// Two AtTicket nodes (A and B) on a MariaDB and a Redis of their own, for the test that kills node A in the
/// middle of checkouts: holds last one minute (the least), node B's reconciler runs every second and settles a
/// checkout 5 s past its hold time, and the simulated processor takes 1.5 s per call, so a kill finds checkouts
/// charged but not yet confirmed. Per-member limits are lifted: one member streams checkouts, as many buyers would.
/// </summary>
public sealed class CheckoutNodes : IAsyncLifetime
{
    public const int ReconcileGraceSeconds = 5;
    public const int GatewayLatencyMilliseconds = 1_500;

    private static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Booking__HoldMinutes"] = "1",
        ["Reconciler__IntervalSeconds"] = "1",
        ["Reconciler__GraceSeconds"] = ReconcileGraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Payments__SimulatedLatencyMilliseconds"] = GatewayLatencyMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private PrivateServers? _servers;
    private AppProcess? _a;
    private AppProcess? _b;

    public string? MissingReason { get; private set; }

    public AppProcess A => Started(_a);

    public AppProcess B => Started(_b);

    internal string DatabaseConnectionString => Started(_servers).Database.ConnectionString;

    public void Require() => ServicesRequired.Check(MissingReason);

    public async ValueTask InitializeAsync()
    {
        MissingReason = PrivateServers.MissingReason();
        if (MissingReason is not null)
        {
            return;
        }

        try
        {
            _servers = await PrivateServers.StartAsync("atticket-kill");

            // Both at once: the start-up lock lets one of them migrate and seed.
            _a = new AppProcess(_servers.NodeOptions("node A", Settings));
            _b = new AppProcess(_servers.NodeOptions("node B", Settings));
            await Task.WhenAll(_a.InitializeAsync().AsTask(), _b.InitializeAsync().AsTask());
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { Interlocked.Exchange(ref _a, null), Interlocked.Exchange(ref _b, null) })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (Interlocked.Exchange(ref _servers, null) is { } servers)
        {
            await servers.DisposeAsync();
        }
    }

    /// <summary>What the nodes said last, for failure messages.</summary>
    public string Diagnostics() =>
        $"---- node A ({_a?.BaseUrl}) ----\n{_a?.OutputTail(30)}\n---- node B ({_b?.BaseUrl}) ----\n{_b?.OutputTail(40)}";

    private T Started<T>(T? part)
        where T : class
    {
        Require();
        return part ?? throw new InvalidOperationException("The checkout nodes are not running (their start failed; see the fixture's error).");
    }
}

/// <summary>The node-kill test: it kills node A of its own pair, so it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CheckoutNodesCollection : ICollectionFixture<CheckoutNodes>
{
    public const string Name = "Two nodes of their own, one killed mid-checkout";
}
