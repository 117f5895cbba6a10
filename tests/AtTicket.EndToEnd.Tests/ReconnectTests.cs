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
        await page.EvaluateAsync("() => window.__beforeReload = true");

        await page.EvaluateAsync("() => { const m = document.getElementById('components-reconnect-modal'); m.classList.add('components-reconnect-show'); m.classList.remove('components-reconnect-show'); }");
        await page.WaitForTimeoutAsync(500); // a reload, if the script wrongly did one, would have started

        Assert.True(await page.EvaluateAsync<bool>("() => window.__beforeReload === true"), "The page reloaded although its circuit was only reconnecting.");
    });
}
