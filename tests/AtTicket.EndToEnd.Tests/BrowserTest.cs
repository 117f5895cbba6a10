using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// Base for browser tests: each test runs in a fresh browser context (no cookies shared)
/// against the one <see cref="AppProcess"/>. A failing test leaves a screenshot of where
/// it stopped, the browser's errors and the tail of the app's log in the test output.
/// </summary>
public abstract partial class BrowserTest(AppProcess app, ChromiumBrowser chromium)
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected AppProcess App => app;

    protected static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>Runs <paramref name="test"/> on a new page in a new browser context.</summary>
    /// <param name="colorScheme">The device's light or dark setting (prefers-color-scheme); Chromium's default (light) when not given.</param>
    protected async Task InBrowserAsync(Func<IPage, Task> test, bool phone = false, ColorScheme? colorScheme = null)
    {
        var browser = chromium.Browser; // skips (or fails) here when there is no Chromium
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = phone ? Phone : Desktop,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-US",
            TimezoneId = "Asia/Seoul",
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(15_000);
        var passed = false;
        try
        {
            await RunOnNewPageAsync(context, test);
            passed = true;
        }
        finally
        {
            await CloseWithinAsync(context, TimeSpan.FromSeconds(30), failIfHung: passed);
        }
    }

    /// <summary>
    /// Playwright's close has no timeout of its own: a close that hangs fails this test (or, when the test has
    /// already failed, is logged beside its own error) instead of holding up the whole run until its time limit.
    /// </summary>
    private static async Task CloseWithinAsync(IBrowserContext context, TimeSpan limit, bool failIfHung)
    {
        try
        {
            await context.CloseAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            var hung = $"Closing the browser context took over {limit.TotalSeconds:0} s.";
            if (failIfHung)
            {
                throw new TimeoutException(hung);
            }

            Log(hung);
        }
    }

    private async Task RunOnNewPageAsync(IBrowserContext context, Func<IPage, Task> test)
    {
        await context.AddInitScriptAsync(CircuitProbe);
        var page = await context.NewPageAsync();

        var browserErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (browserErrors)
                {
                    browserErrors.Add($"console error: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (browserErrors)
            {
                browserErrors.Add($"uncaught error in page: {error}");
            }
        };

        ExceptionDispatchInfo? failure = null;
        try
        {
            await test(page);
        }
        catch (Exception exception)
        {
            failure = ExceptionDispatchInfo.Capture(exception);
        }

        lock (browserErrors)
        {
            foreach (var error in browserErrors)
            {
                Log(error);
            }
        }

        if (failure is not null)
        {
            await CaptureFailureAsync(page);
            failure.Throw();
        }

        string[] uncaught;
        string[] refused;
        lock (browserErrors)
        {
            uncaught = [.. browserErrors.Where(e => e.StartsWith("uncaught", StringComparison.Ordinal))];
            refused = [.. browserErrors.Where(e => e.Contains("Content Security Policy", StringComparison.Ordinal))];
        }

        Assert.True(uncaught.Length == 0, "The page threw:\n" + string.Join('\n', uncaught));

        // Every page of every browser test runs under the app's Content-Security-Policy: nothing may be refused.
        Assert.True(refused.Length == 0, "The Content-Security-Policy refused:\n" + string.Join('\n', refused));
    }

    /// <summary>Where the test stopped: a screenshot and the tail of the app's log.</summary>
    private async Task CaptureFailureAsync(IPage page)
    {
        try
        {
            var name = $"FAILED-{GetType().Name}-{TestContext.Current.TestMethod?.MethodName ?? "test"}.png";
            var path = Path.Combine(ScreenshotDirectory, name);
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 10_000 });
            Log($"failure screenshot: {path} (page {page.Url})");
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            Log($"no failure screenshot: {exception.Message}");
        }

        Log($"---- last lines of the app's output ({app})\n{app.OutputTail()}");
    }

    /// <summary>
    /// Full-page screenshot under screenshots/ in the test output folder, once the circuit
    /// (if the page has one) is connected and fonts and (lazy) images have loaded; the path
    /// goes to the test output.
    /// </summary>
    protected static async Task<string> ScreenshotAsync(IPage page, string fileName)
    {
        // What a person sees is the connected page, not the prerendered HTML before it.
        await ReadyAsync(page);

        await page.EvaluateAsync("""
            async () => {
                window.scrollTo(0, document.body.scrollHeight);
                await new Promise(r => setTimeout(r, 150));
                window.scrollTo(0, 0);
                await document.fonts.ready;
                const pending = [...document.images].filter(i => !i.complete)
                    .map(i => new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); }));
                await Promise.race([Promise.all(pending), new Promise(r => setTimeout(r, 5000))]);
            }
            """);
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, fileName);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Log($"screenshot: {path}");
        return path;
    }

    /// <summary>
    /// Added to every page before its own scripts: notes when Blazor's circuit socket opens
    /// and when it last received a message (render batches arrive as messages).
    /// </summary>
    private const string CircuitProbe = """
        (() => {
            const Native = window.WebSocket;
            const probe = window.__atticketCircuit = { open: false, interactive: false, messages: 0, first: 0, last: 0 };

            // blazor.web.js removes its component markers as soon as it reads them, often before the
            // test looks; note them while the page is parsed.
            new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
                if (n.nodeType === 8 && n.data.startsWith('Blazor:') && n.data.includes('"type":"server"')) probe.interactive = true;
            }))).observe(document, { childList: true, subtree: true });
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

    /// <summary>
    /// Waits until the page's Blazor circuit is connected and has gone quiet (or has been
    /// connected for 3 s, for pages that stream updates): prerendered HTML arrives first, a
    /// click before the circuit connects is lost, and components may still change the page
    /// right after connecting (the phone drawer closes itself).
    /// </summary>
    protected static async Task WaitForCircuitAsync(IPage page, int quietMilliseconds = 500)
    {
        try
        {
            await page.WaitForFunctionAsync(
                """
                quiet => {
                    const p = window.__atticketCircuit, now = performance.now();
                    return !!p && p.open && p.messages > 0 && (now - p.last > quiet || now - p.first > 3000);
                }
                """,
                quietMilliseconds,
                new() { PollingInterval = 100 });
        }
        catch (TimeoutException exception)
        {
            var probe = await page.EvaluateAsync<string>("() => JSON.stringify(window.__atticketCircuit)");
            throw new TimeoutException($"The Blazor circuit of {page.Url} did not connect and settle (socket probe: {probe}).", exception);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> and, on an interactive page, waits for its circuit: a
    /// click while the circuit is still connecting can be lost or go astray.
    /// </summary>
    protected static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await ReadyAsync(page);
    }

    /// <summary>After a navigation: waits for the circuit when the page that arrived has one.</summary>
    protected static async Task ReadyAsync(IPage page)
    {
        if (await IsInteractivePageAsync(page))
        {
            await WaitForCircuitAsync(page);
        }
    }

    /// <summary>Whether the page has interactive server components (and so a circuit to wait for).</summary>
    protected static Task<bool> IsInteractivePageAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
            const p = window.__atticketCircuit;
            if (p && (p.open || p.interactive)) return true;
            const comments = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
            for (let c = comments.nextNode(); c; c = comments.nextNode()) {
                if (c.data.startsWith('Blazor:') && c.data.includes('"type":"server"')) return true;
            }
            return false;
        }
        """);

    /// <summary>
    /// Clicks until <paramref name="expectation"/> holds (given a timeout in ms: one second per try), for
    /// the first interactive click on a page: one made as the circuit connects can be lost.
    /// </summary>
    protected static async Task ClickUntilAsync(ILocator target, Func<float, Task> expectation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await target.ClickAsync();
            try
            {
                await expectation(1_000);
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // The click was lost; try again.
            }
        }
    }

    protected static ILocator MenuButton(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = MenuButtonName() });

    protected static ILocator Drawer(IPage page) => page.Locator(".mud-drawer").First;

    /// <summary>Fills and submits the static login form on the page that is open.</summary>
    protected static async Task SubmitLoginAsync(IPage page, string email, string password)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    private const string SignUpPassword = "Booking!2345";

    /// <summary>A member the test signed up: nobody else holds or buys with it.</summary>
    protected sealed record Customer(string Name, string Email, string Password = SignUpPassword);

    /// <summary>
    /// Creates a new customer on the sign-up page (which answers "check your mail", as it does for a taken
    /// address), logs them in and so sends them on to <paramref name="returnUrl"/>; waits for that page's circuit.
    /// </summary>
    protected async Task<Customer> SignUpAsync(IPage page, string returnUrl)
    {
        await page.GotoAsync($"/Account/Register?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var customer = await RegisterAsync(page);

        await page.GotoAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await LogInAsync(page, customer);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + returnUrl);
        await WaitForCircuitAsync(page);
        Log($"signed up {customer.Email}");
        return customer;
    }

    /// <summary>Fills and submits the sign-up page that is open, with a new customer; the page answers "check your mail".</summary>
    protected static async Task<Customer> RegisterAsync(IPage page)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer($"E2E Customer {suffix}", $"e2e-{suffix}@atticket.test");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("#name").FillAsync(customer.Name);
        await page.Locator("#email").FillAsync(customer.Email);
        await page.Locator("#password").FillAsync(customer.Password);
        await page.Locator("#confirm").FillAsync(customer.Password);
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("register-sent")).ToBeVisibleAsync();
        return customer;
    }

    /// <summary>Logs <paramref name="customer"/> in on the login page that is open; back where they were going.</summary>
    protected static async Task LogInAsync(IPage page, Customer customer)
    {
        await SubmitLoginAsync(page, customer.Email, customer.Password);
        await Expect(MemberName(page)).ToHaveTextAsync(customer.Name);
    }

    protected static ILocator MemberName(IPage page) => page.GetByTestId("member-name");

    protected static ILocator DashboardLink(IPage page) =>
        page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true });

    // "\/" not "/": Playwright sends the pattern as a JavaScript /literal/.
    [GeneratedRegex(@"^(Toggle navigation|메뉴 열기\/닫기)$")]
    private static partial Regex MenuButtonName();
}

/// <summary>The demo accounts seeded in Development (AtTicket.Infrastructure/Seeding/DemoAccounts.cs).</summary>
public static class Demo
{
    public const string AdminEmail = "admin@atticket.local";
    public const string AdminPassword = "Admin!2345";
    public const string AdminName = "Admin Kang";
    public const string CustomerEmail = "minji@atticket.local";
    public const string CustomerPassword = "Customer!2345";
    public const string CustomerName = "Kim Minji";
}
