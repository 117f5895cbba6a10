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
        await page.EvaluateAsync(WatchScript);

        await page.EvaluateAsync("() => { const m = document.getElementById('components-reconnect-modal'); m.classList.add('components-reconnect-show'); m.classList.remove('components-reconnect-show'); }");
        await page.WaitForFunctionAsync("() => window.__dialogChangeSeen === true");

        Assert.False(await page.EvaluateAsync<bool>("() => window.__unloadStarted === true"), "The page reloaded although its circuit was only reconnecting.");
    });

    /// <summary>What the test above relies on: a reload the page's script starts is seen by the time the watch hears of the change.</summary>
    [Fact]
    public Task A_reload_for_a_rejected_circuit_has_started_when_the_watch_hears_of_the_change() => InBrowserAsync(async page =>
    {
        await page.GotoAsync("/live/1");
        await WaitForCircuitAsync(page);
        await page.EvaluateAsync(WatchScript);
        // The page goes away, so the watch says what it saw on the console rather than in a variable.
        var seen = new TaskCompletionSource<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("seen ", StringComparison.Ordinal))
            {
                seen.TrySetResult(message.Text);
            }
        };

        await page.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.add('components-reconnect-rejected')");

        Assert.Equal("seen unload=true", await seen.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
    });

    /// <summary>
    /// Notes when the page starts to unload, and, with an observer made after the page's own, when the
    /// reconnect dialog's class has changed: observers hear of a change in the order they were made, and a
    /// reload fires beforeunload as it starts, so once this observer has heard, a reload would have shown.
    /// </summary>
    private const string WatchScript = """
        () => {
            addEventListener("beforeunload", () => window.__unloadStarted = true);
            new MutationObserver(records => {
                if (records.some(r => r.target.id === "components-reconnect-modal")) {
                    window.__dialogChangeSeen = true;
                    console.log("seen unload=" + (window.__unloadStarted === true));
                }
            }).observe(document.body, { attributes: true, attributeFilter: ["class"], subtree: true });
        }
        """;
}
