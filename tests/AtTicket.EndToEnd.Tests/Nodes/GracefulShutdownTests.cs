using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtTicket.LoadBench.Setup;
using MySqlConnector;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// A node told to stop (SIGTERM, as docker stop sends it) while buyers check out on it and a seat map is open
/// on it through nginx: the checkouts it had begun finish, it exits within HostOptions:ShutdownTimeout, nginx
/// serves everything after from the other node, and the page carries on there (its circuit is rejected by the
/// other node, so it reloads itself and follows the live feed again). The node is started again at the end.
/// </summary>
[Collection(TwoNodesCollection.Name)]
public sealed partial class GracefulShutdownTests(TwoNodes nodes, ChromiumBrowser chromium)
{
    private const int Buyers = 8;
    private const string ApprovingCard = "4242424242424242";

    /// <summary>appsettings.json's HostOptions:ShutdownTimeout (15 s) and the host's own stopping, with room for a loaded machine.</summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_told_to_stop_finishes_its_checkouts_in_flight_exits_and_its_seat_map_page_carries_on_on_the_other_node()
    {
        nodes.Require();
        var cancel = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        var (admin, adminToken) = await BenchCatalog.SignInAsync(nodes.NginxUrl, Demo.AdminEmail, Demo.AdminPassword);
        using var _ = admin;
        var catalog = new BenchCatalog(admin);
        var (hallId, hallSeats) = await catalog.CreateHallAsync($"Shutdown hall {run}", 4, 10);
        var performance = await catalog.SchedulePerformanceAsync(await catalog.CreateProductAsync($"Graceful shutdown {run}"), hallId, hallSeats, DateTimeOffset.UtcNow.AddDays(10));
        var members = await MemberSeeder.InsertAsync(nodes.DatabaseConnectionString, $"stop{run}", Buyers + 1, cancel);
        using var minter = new TokenMinter(nodes.DatabaseConnectionString);
        minter.EnsureSameShape(adminToken, members[0]);
        var tokens = members.Select(minter.Mint).ToList();

        await using var browser = await NodeBrowser.OpenAsync(chromium.Browser, nodes.NginxUrl);
        var seatMap = $"/performances/{performance.PerformanceId}";
        var first = await browser.Page.GotoAsync(seatMap);
        var stopping = nodes.NodeAt(await first!.HeaderValueAsync(NginxProcess.UpstreamHeader) ?? string.Empty);
        var staying = ReferenceEquals(stopping, nodes.A) ? nodes.B : nodes.A;
        await browser.WaitForCircuitAsync();

        var seats = new ConcurrentQueue<int>(performance.Seats.Skip(1).Select(s => s.Id));
        var calls = new ConcurrentQueue<TimedCall>();
        var clock = Stopwatch.StartNew();
        using var stopBuying = new CancellationTokenSource();
        var buyers = tokens.Take(Buyers).Select(t => Task.Run(() => BuyAsync(stopping.BaseUrl, t, performance.PerformanceId, seats, calls, clock, stopBuying.Token), CancellationToken.None)).ToArray();
        using var stopReading = new CancellationTokenSource();
        var reader = Task.Run(() => ReadThroughNginxAsync(performance.PerformanceId, calls, clock, stopReading.Token), CancellationToken.None);
        try
        {
            while (calls.Count(c => c.What == "book" && c.Status == 201) < Buyers)
            {
                Assert.False(buyers.All(b => b.IsCompleted), $"The buyers stopped before {Buyers} bookings: {Describe(calls)}.\n{nodes.Diagnostics()}");
                await Task.Delay(100, cancel);
            }

            // The signal meets a checkout inside the node (its booking written, the gateway's 300 ms answer awaited), however
            // slowly a loaded machine hands the node its requests: otherwise every call in flight may still be unread and
            // turned away, and nothing would show that work already started is finished.
            await Within.UntilAsync(
                () => CheckoutPendingAsync(performance.PerformanceId, cancel),
                () => $"a checkout pending on {nodes.Name(stopping)}; calls so far: {Describe(calls)}",
                TimeSpan.FromSeconds(30));
            var signalledAt = clock.Elapsed;
            var exitCode = await stopping.TerminateAsync(ExitBound);
            var exitedAfter = clock.Elapsed - signalledAt;
            await stopBuying.CancelAsync();
            await Task.WhenAll(buyers);

            // The page: its circuit went with the node; it must follow the live feed again, from the other node.
            var watched = performance.Seats[0].Id;
            var seat = browser.Page.Locator($"g.seat[data-seat-id='{watched}']");
            await Expect(seat).Not.ToHaveClassAsync(Held());
            await browser.WaitForCircuitAsync();
            var holdId = await HoldAsync(staying.BaseUrl, tokens[^1], performance.PerformanceId, watched);
            await Expect(seat).ToHaveClassAsync(Held(), new() { Timeout = 30_000 });
            await ReleaseAsync(staying.BaseUrl, tokens[^1], holdId);
            await stopReading.CancelAsync();
            await reader;

            var all = calls.ToList();
            var inFlight = all.Where(c => c.What != "read" && c.StartedAt < signalledAt && c.EndedAt > signalledAt).ToList();
            var afterSignal = all.Where(c => c.What != "read" && c.StartedAt >= signalledAt).ToList();
            var reads = all.Where(c => c.What == "read" && c.EndedAt > signalledAt).ToList();
            Log(
                $"Graceful shutdown of {nodes.Name(stopping)}: exit code {exitCode?.ToString() ?? "none"} {exitedAfter.TotalSeconds:0.0} s after SIGTERM; " +
                $"holds and checkouts in flight at the signal {inFlight.Count} ({Describe(inFlight)}), slowest finished {Slowest(inFlight)}; " +
                $"sent to it after the signal {afterSignal.Count} ({Describe(afterSignal)}); " +
                $"seat reads through nginx from the signal on {reads.Count} ({Describe(reads)}); " +
                $"all calls {all.Count} ({Describe(all)}); page on {browser.Page.Url} followed a hold on {nodes.Name(staying)}.");

            Log("nginx, the page's circuit from the signal on:\n" + string.Join('\n', nodes.Nginx.AccessLogLines().Where(l => l.Contains("/_blazor", StringComparison.Ordinal)).TakeLast(12)));
            Log($"{nodes.Name(stopping)} from the signal on:\n" + string.Join('\n', stopping.Output.Split('\n').SkipWhile(l => !l.Contains("shutting down", StringComparison.Ordinal)).Take(20)));
            Assert.Equal(0, exitCode);
            Assert.True(exitedAfter < ExitBound, $"Exited {exitedAfter.TotalSeconds:0.0} s after SIGTERM.");
            // Sent before the signal but read by the node after it, a call is turned away by the shutdown gate (503, nothing done).
            Assert.All(inFlight, c => Assert.True(c.Status is 200 or 201 or 204 or 503, $"A {c.What} in flight at SIGTERM answered {Status(c.Status)} after {(c.EndedAt - c.StartedAt).TotalMilliseconds:0} ms."));
            Assert.Contains(inFlight, c => c.Status == 201);
            Assert.All(afterSignal, c => Assert.True(c.Status is 200 or 201 or 204 or 503 or TimedCall.NoAnswer, $"A {c.What} sent after SIGTERM answered {Status(c.Status)}."));
            Assert.All(reads, c => Assert.True(c.Status == 200, $"A seat read through nginx answered {Status(c.Status)} while {nodes.Name(stopping)} stopped.\n{nodes.Nginx.ErrorLogTail()}"));
            Assert.NotEmpty(reads);
        }
        catch
        {
            Log($"page at {browser.Page.Url}; errors:\n{string.Join('\n', browser.Errors)}\n{nodes.Diagnostics()}");
            throw;
        }
        finally
        {
            await stopBuying.CancelAsync();
            await stopReading.CancelAsync();
            await Task.WhenAll([.. buyers, reader]);
            await stopping.RestartAsync();
            await nodes.WaitUntilNginxServesAsync(stopping);
        }
    }

    private async Task<bool> CheckoutPendingAsync(int performanceId, CancellationToken cancel)
    {
        await using var connection = new MySqlConnection(nodes.DatabaseConnectionString);
        await connection.OpenAsync(cancel);
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM Bookings WHERE PerformanceId = @performance AND Status = 'PendingPayment'", connection);
        command.Parameters.AddWithValue("@performance", performanceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>One buyer on the stopping node itself: hold a seat, pay for it, again, until told to stop.</summary>
    private static async Task BuyAsync(string node, string token, int performanceId, ConcurrentQueue<int> seats, ConcurrentQueue<TimedCall> calls, Stopwatch clock, CancellationToken stop)
    {
        using var http = Client(node, token);
        var expiry = DateTime.UtcNow.AddYears(2).ToString("MM/yy", System.Globalization.CultureInfo.InvariantCulture);
        while (!stop.IsCancellationRequested && seats.TryDequeue(out var seatId))
        {
            var (status, body) = await TimeAsync(calls, clock, "hold", () => http.PostAsJsonAsync($"/api/performances/{performanceId}/holds", new { seatIds = new[] { seatId } }, CancellationToken.None));
            if (status != 201)
            {
                return; // the node is gone or refuses: this buyer is done
            }

            var holdId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
            await TimeAsync(calls, clock, "book", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
                {
                    Content = JsonContent.Create(new { holdId, payment = new { cardNumber = ApprovingCard, expiry, cvc = "123", holderName = "Shutdown Test" } }),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                return http.SendAsync(request, CancellationToken.None);
            });
        }
    }

    /// <summary>Reads of the performance's seats through nginx, as browsers would make them, while the node stops.</summary>
    private async Task ReadThroughNginxAsync(int performanceId, ConcurrentQueue<TimedCall> calls, Stopwatch clock, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(nodes.NginxUrl), Timeout = TimeSpan.FromSeconds(30) };
        while (!stop.IsCancellationRequested)
        {
            await TimeAsync(calls, clock, "read", () => http.GetAsync($"/api/performances/{performanceId}/seats", CancellationToken.None));
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task<(int Status, string Body)> TimeAsync(ConcurrentQueue<TimedCall> calls, Stopwatch clock, string what, Func<Task<HttpResponseMessage>> send)
    {
        var startedAt = clock.Elapsed;
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            calls.Enqueue(new TimedCall(what, (int)response.StatusCode, startedAt, clock.Elapsed));
            return ((int)response.StatusCode, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            calls.Enqueue(new TimedCall(what, TimedCall.NoAnswer, startedAt, clock.Elapsed));
            return (TimedCall.NoAnswer, string.Empty);
        }
    }

    private static async Task<Guid> HoldAsync(string node, string token, int performanceId, int seatId)
    {
        using var http = Client(node, token);
        using var response = await http.PostAsJsonAsync($"/api/performances/{performanceId}/holds", new { seatIds = new[] { seatId } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, $"Holding seat {seatId} on {node} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task ReleaseAsync(string node, string token, Guid holdId)
    {
        using var http = Client(node, token);
        using var response = await http.DeleteAsync($"/api/holds/{holdId}");
        Assert.Equal(204, (int)response.StatusCode);
    }

    private static HttpClient Client(string node, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(node), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string Describe(IEnumerable<TimedCall> calls) =>
        string.Join(", ", calls.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{Status(g.Key)}: {g.Count()}"));

    private static string Slowest(IEnumerable<TimedCall> calls) =>
        calls.Select(c => (c.EndedAt - c.StartedAt).TotalMilliseconds).DefaultIfEmpty().Max().ToString("0 ms", System.Globalization.CultureInfo.InvariantCulture);

    private static string Status(int status) => status == TimedCall.NoAnswer ? "no answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bheld\b")]
    private static partial Regex Held();

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>One API call: what, its status (<see cref="NoAnswer"/> when the connection failed), when it began and ended on the test's clock.</summary>
    private sealed record TimedCall(string What, int Status, TimeSpan StartedAt, TimeSpan EndedAt)
    {
        public const int NoAnswer = 0;
    }
}
