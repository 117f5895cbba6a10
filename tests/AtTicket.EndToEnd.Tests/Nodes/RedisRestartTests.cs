namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// Redis goes away and comes back empty (a crash of a server that saves nothing): the nodes' subscriptions come back,
/// every client is told to reload, and changes flow again. Sign-ins survive it: the key ring is the database's.
/// </summary>
[Collection(TwoNodesCollection.Name)]
public sealed class RedisRestartTests(TwoNodes nodes)
{
    private const int PerformanceId = 1;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_Redis_restarts_hub_clients_are_told_to_resync_and_a_hold_on_node_A_reaches_node_B_again()
    {
        nodes.Require();
        var b = await SeatsHubClient.ConnectAsync(nodes.B.BaseUrl, PerformanceId);
        // A client on A too, to know when A's subscription (and so its connection) is back before holding through it.
        var a = await SeatsHubClient.ConnectAsync(nodes.A.BaseUrl, PerformanceId);
        try
        {
            using var onB = AtTicketApi.Anonymous(nodes.B.BaseUrl);
            var board = new SeatBoard();
            board.Load(await onB.SeatsAsync(PerformanceId));
            using var minji = await AtTicketApi.LogInAsync(nodes.A.BaseUrl, Demo.CustomerEmail, Demo.CustomerPassword);

            await nodes.Redis.RestartAsync();

            await b.WaitUntilAsync(() => b.Resyncs > 0 || b.ClosedReason is not null, Bound, () => $"a Resync after {nodes.Redis} was restarted (node B's subscription restored)");
            if (b.ClosedReason is not null)
            {
                // Allowed by the contract: a client that lost its connection reconnects and reloads.
                await b.DisposeAsync();
                b = await SeatsHubClient.ConnectAsync(nodes.B.BaseUrl, PerformanceId);
            }

            await a.WaitUntilAsync(() => a.Resyncs > 0 || a.ClosedReason is not null, Bound, () => $"a Resync after {nodes.Redis} was restarted (node A's subscription restored)");

            // What a client does on Resync: reload the seats.
            board.Load(await onB.SeatsAsync(PerformanceId));
            var seen = b.Changes.Count;
            var seatIds = SeatsHubAcrossNodesTests.AvailableSeatsOfOneGrade(await minji.SeatsAsync(PerformanceId), 2).Select(s => s.Id).ToArray();

            var hold = await minji.HoldAsync(PerformanceId, seatIds);
            try
            {
                var held = await b.WaitForAsync(
                    m => m.PerformanceId == PerformanceId && seatIds.All(id => m.StatusOf(id) is not null),
                    Bound,
                    $"a SeatsChanged for seats {string.Join(", ", seatIds)}, held through node A after the restart",
                    skip: seen);
                Assert.All(seatIds, id => Assert.Equal("held", held.StatusOf(id)));
                foreach (var change in b.Changes.Skip(seen))
                {
                    board.Apply(change.Message);
                }

                var server = await onB.SeatsAsync(PerformanceId);
                Assert.True(board.Waiting == 0, $"After the resync the client waits for changes before #{board.Sequence + 1} that never came (server at #{server.Sequence}).");
                Assert.Equal(server.Sequence, board.Sequence);
                Assert.Empty(board.DifferencesFrom(server));
            }
            finally
            {
                await minji.ReleaseAsync(hold.Id);
            }

            await b.WaitForAsync(
                m => seatIds.All(id => m.StatusOf(id) == "available"),
                Bound,
                $"the release of seats {string.Join(", ", seatIds)}",
                skip: seen);
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(nodes.Diagnostics());
            throw;
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}
