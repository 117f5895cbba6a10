using Microsoft.Playwright;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for the test assembly. Nothing is
/// downloaded: the driver ships in the NuGet package and the browser is the system one
/// (ATTICKET_TEST_CHROMIUM, default /usr/bin/chromium). When it is missing the tests skip
/// with the reason, or fail when ATTICKET_REQUIRE_SERVICES=1 (scripts/test.sh).
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private static readonly string[] LaunchArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("ATTICKET_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Why there is no browser, or null when there is one.</summary>
    public string? MissingReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        // Screenshots of an earlier run must not pass for this run's.
        if (Directory.Exists(BrowserTest.ScreenshotDirectory))
        {
            foreach (var old in Directory.EnumerateFiles(BrowserTest.ScreenshotDirectory, "*.png"))
            {
                File.Delete(old);
            }
        }

        if (!File.Exists(ExecutablePath))
        {
            MissingReason =
                $"Chromium not found at {ExecutablePath} (set ATTICKET_TEST_CHROMIUM, or apt-get install chromium; " +
                "scripts/test.sh installs it). Browser tests need it.";
            return;
        }

        // A broken browser (unlike a missing one) is a failure: this throws, and every test says why.
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchArgs,
        });

        // A Blazor Server page can take a moment to connect its circuit on a busy machine.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>The browser, or skip (fail when services are required) with the reason.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is not null)
            {
                return _browser;
            }

            ServicesRequired.Check(MissingReason ?? "Chromium was not launched.");
            return null!; // not reached: Check skips or fails the test
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
