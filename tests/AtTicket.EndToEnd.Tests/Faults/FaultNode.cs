using AtTicket.EndToEnd.Tests.Nodes;

namespace AtTicket.EndToEnd.Tests.Faults;

/// <summary>
/// One AtTicket node on a MariaDB and a Redis of its own (<see cref="PrivateMariaDb"/>, <see cref="PrivateRedis"/>),
/// so the fault tests can kill either and start it again. The per-member limits are lifted: one member streams
/// holds and checkouts, as many buyers would.
/// </summary>
public sealed class FaultNode : IAsyncLifetime
{
    private PrivateServers? _servers;
    private AppProcess? _node;

    public string? MissingReason { get; private set; }

    public AppProcess Node => Started(_node);

    internal PrivateMariaDb Database => Started(_servers).Database;

    internal PrivateRedis Redis => Started(_servers).Redis;

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
            _servers = await PrivateServers.StartAsync("atticket-faults");
            _node = new AppProcess(_servers.NodeOptions("fault node"));
            await _node.InitializeAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _node, null) is { } node)
        {
            await node.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _servers, null) is { } servers)
        {
            await servers.DisposeAsync();
        }
    }

    /// <summary>What the node said last, for failure messages; all it said is kept in a file in the temp directory.</summary>
    public string Diagnostics()
    {
        var file = Path.Combine(Path.GetTempPath(), $"atticket-fault-node-{DateTime.UtcNow:HHmmss}.log");
        File.WriteAllText(file, _node?.Output ?? string.Empty);
        return $"---- {_node} (all of it in {file}) ----\n{_node?.OutputTail(60)}";
    }

    private T Started<T>(T? part)
        where T : class
    {
        Require();
        return part ?? throw new InvalidOperationException("The fault node is not running (its start failed; see the fixture's error).");
    }
}

/// <summary>The fault tests: they kill the services under their node, so they run alone, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultNode>
{
    public const string Name = "Faults on a node of its own";
}
