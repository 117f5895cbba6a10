using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>A Blazor circuit on one node follows seat changes made through the other.</summary>
[Collection(TwoNodesCollection.Name)]
public sealed class LivePageAcrossNodesTests(TwoNodes nodes, ChromiumBrowser chromium)
{
    private const int PerformanceId = 1;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task The_live_page_on_node_A_counts_a_hold_made_through_node_B_within_two_seconds_and_its_release()
    {
        nodes.Require();
        await using var browser = await NodeBrowser.OpenAsync(chromium.Browser, nodes.A.BaseUrl);
        var page = browser.Page;
        // Node A's feed, seen from outside: tells a failure of the page from a change that never reached A.
        await using var feedOnA = await SeatsHubClient.ConnectAsync(nodes.A.BaseUrl, PerformanceId);
        using var jun = await AtTicketApi.LogInAsync(nodes.B.BaseUrl, "jun@atticket.local", Demo.CustomerPassword);
        try
        {
            await page.GotoAsync($"/live/{PerformanceId}");
            var total = page.Locator("[data-testid=live-total] .number");
            await Expect(total).ToBeVisibleAsync();
            await browser.WaitForCircuitAsync();

            var before = await jun.SeatsAsync(PerformanceId);
            var remaining = before.Seats.Count(s => s.Status == "available" && s.GradeId is not null);
            await Expect(total).ToHaveTextAsync(remaining.ToString("N0", English));
            var seatIds = SeatsHubAcrossNodesTests.AvailableSeatsOfOneGrade(before, 3).Select(s => s.Id).ToArray();

            var hold = await jun.HoldAsync(PerformanceId, seatIds);
            try
            {
                await Expect(total).ToHaveTextAsync((remaining - seatIds.Length).ToString("N0", English), new() { Timeout = 2_000 });
            }
            finally
            {
                await jun.ReleaseAsync(hold.Id);
            }

            await Expect(total).ToHaveTextAsync(remaining.ToString("N0", English), new() { Timeout = 2_000 });
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"page {page.Url}; browser errors:\n{string.Join('\n', browser.Errors)}\n" +
                $"node A's hub got: {string.Join("; ", feedOnA.Changes.Select(c => c.Message.ToString()))} (Resync: {feedOnA.Resyncs})\n" +
                nodes.Diagnostics());
            throw;
        }
    }
}
