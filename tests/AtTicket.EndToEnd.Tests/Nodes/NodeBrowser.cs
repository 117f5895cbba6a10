using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// A browser context of its own against any address (a node, or nginx), for the node tests:
/// <see cref="BrowserTest"/> is bound to the assembly's single app. Same settings as there (desktop,
/// en-US, Seoul time), the same wait for a connected Blazor circuit, and the page's uncaught errors kept.
/// </summary>
internal sealed class NodeBrowser : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private NodeBrowser(IBrowserContext context, IPage page, string baseUrl)
    {
        Context = context;
        Page = page;
        BaseUrl = baseUrl;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console error: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"uncaught error in page: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string BaseUrl { get; }

    /// <summary>What the page logged as errors so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static async Task<NodeBrowser> OpenAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = BrowserTest.Desktop,
            Locale = "en-US",
            TimezoneId = "Asia/Seoul",
        });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(CircuitProbe);
        return new NodeBrowser(context, await context.NewPageAsync(), baseUrl);
    }

    /// <summary>Logs in on the static login page and comes back to <paramref name="returnPath"/>.</summary>
    public async Task LogInAsync(string email, string password, string returnPath)
    {
        await Page.GotoAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(returnPath)}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(BaseUrl + returnPath);
        await Expect(Page.GetByTestId("member-name")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Waits until the page's Blazor circuit is connected and has been quiet for a moment (or has been
    /// connected for 3 s): a click before that can be lost, and a change announced before the page's
    /// interactive component subscribed to the feed would not reach it.
    /// </summary>
    public async Task WaitForCircuitAsync()
    {
        try
        {
            await Page.WaitForFunctionAsync(
                """
                () => {
                    const p = window.__atticketCircuit, now = performance.now();
                    return !!p && p.open && p.messages > 0 && (now - p.last > 500 || now - p.first > 3000);
                }
                """,
                null,
                new() { PollingInterval = 100, Timeout = 30_000 });
        }
        catch (TimeoutException exception)
        {
            var probe = await Page.EvaluateAsync<string>("() => JSON.stringify(window.__atticketCircuit)");
            throw new TimeoutException($"The Blazor circuit of {Page.Url} did not connect and settle (socket probe: {probe}).", exception);
        }
    }

    /// <summary>A full-page screenshot under the E2E screenshots folder; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string fileName)
    {
        Directory.CreateDirectory(BrowserTest.ScreenshotDirectory);
        var path = Path.Combine(BrowserTest.ScreenshotDirectory, fileName);
        await Page.EvaluateAsync("() => document.fonts.ready");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 15_000 });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    /// <summary>BrowserTest's probe: notes when Blazor's circuit socket opens and when it last received a message.</summary>
    private const string CircuitProbe = """
        (() => {
            const Native = window.WebSocket;
            const probe = window.__atticketCircuit = { open: false, messages: 0, first: 0, last: 0 };
            window.WebSocket = class extends Native {
                constructor(url, protocols) {
                    super(url, protocols);
                    if (String(url).includes('/_blazor')) {
                        this.addEventListener('open', () => { probe.open = true; probe.last = performance.now(); });
                        this.addEventListener('message', () => {
                            if (probe.messages++ === 0) probe.first = performance.now();
                            probe.last = performance.now();
                        });
                        this.addEventListener('close', () => { probe.open = false; });
                    }
                }
            };
        })();
        """;
}
