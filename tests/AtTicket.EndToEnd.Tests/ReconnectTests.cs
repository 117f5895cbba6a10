using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// When the server has lost a page's circuit (its node restarted), the page reloads itself rather
/// than keep showing seat states nobody updates any more.
/// </summary>
public sealed class ReconnectTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_page_whose_circuit_the_server_rejected_reloads_itself() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/live/1");
        await WaitForCircuitAsync(page);
        await page.EvaluateAsync("() => window.__beforeReload = true");

        // What Blazor does when the server answers a reconnect with "no such circuit".
        var reloaded = page.WaitForLoadStateAsync(LoadState.Load);
        await page.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.add('components-reconnect-rejected')");
        await page.WaitForFunctionAsync("() => window.__beforeReload === undefined", null, new() { Timeout = 15_000 });
        await reloaded;

        await Expect(page.GetByTestId("live-view")).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_page_that_only_lost_its_connection_for_a_moment_keeps_its_state() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/live/1");
        await WaitForCircuitAsync(page);

        var seen = await WatchAsync(page, "m => { m.classList.add('components-reconnect-show'); m.classList.remove('components-reconnect-show'); }");

        Assert.True(seen == "seen unload=false", $"The page reloaded although its circuit was only reconnecting ({seen}).");
    });

    /// <summary>What the test above relies on: a reload the page's script starts has begun by the time the watch hears of the change.</summary>
    [Fact]
    public Task A_reload_for_a_rejected_circuit_has_started_when_the_watch_hears_of_the_change() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/live/1");
        await WaitForCircuitAsync(page);
        await page.EvaluateAsync("() => window.__beforeReload = true");

        Assert.Equal("seen unload=true", await WatchAsync(page, "m => m.classList.add('components-reconnect-rejected')"));

        // The reload runs to its end before the context closes: closing a page in the middle of its navigation
        // left Playwright's close waiting for good (a whole CI run hung on it).
        await page.WaitForFunctionAsync("() => window.__beforeReload === undefined");
        await Expect(page.GetByTestId("live-view")).ToBeVisibleAsync();
    });

    /// <summary>
    /// Makes <paramref name="change"/> to the reconnect dialog and answers whether the page had started to
    /// unload when an observer made after the page's own heard of it. Observers hear of a change in the order
    /// they were made, and a reload fires beforeunload as it starts, so by then a reload would have shown.
    /// The answer comes on the console, which outlives the page if it does reload.
    /// </summary>
    private static async Task<string> WatchAsync(IPage page, string change)
    {
        var seen = new TaskCompletionSource<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("seen ", StringComparison.Ordinal))
            {
                seen.TrySetResult(message.Text);
            }
        };
        await page.EvaluateAsync(WatchScript);

        await page.EvaluateAsync($"() => ({change})(document.getElementById('components-reconnect-modal'))");

        return await seen.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
    }

    private const string WatchScript = """
        () => {
            let unloading = false;
            addEventListener("beforeunload", () => unloading = true);
            new MutationObserver(records => {
                if (records.some(r => r.target.id === "components-reconnect-modal")) {
                    console.log("seen unload=" + unloading);
                }
            }).observe(document.body, { attributes: true, attributeFilter: ["class"], subtree: true });
        }
        """;
}
