using AtTicket.Web.Components.Account;
using System.Reflection;
using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Tests.Http;
using Microsoft.AspNetCore.Components;

namespace AtTicket.Web.Tests.BadInput;

/// <summary>The page suite on SQLite, the app's default database.</summary>
public sealed class PageQuerySuiteTests(TestApp app) : PageQuerySuite(app, "bad-input-pages.txt"), IClassFixture<TestApp>;

/// <summary>The page suite on MariaDB.</summary>
public sealed class PageQuerySuiteOnMariaDbTests(MariaDbPagesApp app) : PageQuerySuite(app.App, "bad-input-pages-mariadb.txt"), IClassFixture<MariaDbPagesApp>;

/// <summary>The demo app of <see cref="TestApp"/> on a MariaDB database of its own.</summary>
public sealed class MariaDbPagesApp : IAsyncLifetime
{
    public TestApp App { get; } = TestApp.OnMariaDb(new Dictionary<string, string>());

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// Every page route (found by its <see cref="RouteAttribute"/>) with each of its
/// <see cref="SupplyParameterFromQueryAttribute"/> parameters, and each route value, given bad values; the
/// preference endpoints too. No answer is a 5xx or the error page, and no redirect leaves the site.
/// The totals go to <paramref name="totalsFile"/>.
/// </summary>
public abstract partial class PageQuerySuite(TestApp app, string totalsFile)
{
    private static readonly string[] Redirects = ["//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil.example", "%2F%2Fevil.example"];

    [Fact]
    public async Task No_page_answers_5xx_or_the_error_page_for_a_bad_query_or_route_value()
    {
        var pages = Pages().ToList();
        Assert.True(pages.Count >= 25, $"Only {pages.Count} page routes were found.");
        Assert.True(pages.Sum(p => p.Query.Count) >= 12, "The pages' query parameters were not found.");
        using var admin = app.NewBrowser();
        await admin.LogInSuccessfullyAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, LandingPage.AdminDashboard);
        using var member = app.NewBrowser();
        await member.LogInSuccessfullyAsync(DemoAccounts.Jun.Email, DemoAccounts.Jun.Password);
        using var anonymous = app.NewBrowser();
        var tally = new PageTally();

        foreach (var (template, query) in pages)
        {
            var browser = template.StartsWith("/admin", StringComparison.Ordinal) ? admin
                : template.StartsWith("/Account/", StringComparison.Ordinal) && !template.Contains("/Manage/", StringComparison.Ordinal) ? anonymous
                : member;
            var url = RouteValue().Replace(template, m => m.Value.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "1");
            foreach (var name in query)
            {
                foreach (var value in Values(name))
                {
                    await tally.CheckAsync(browser, $"{url}?{name}={Uri.EscapeDataString(value)}");
                }

                await tally.CheckAsync(browser, $"{url}?{name}=1&{name}=2");
            }

            foreach (Match routeValue in RouteValue().Matches(template))
            {
                foreach (var value in new[] { "0", "-1", "2147483648", "99999999999999999999", "abc", "1.5", "%E2%80%AE", new string('9', 3000) })
                {
                    await tally.CheckAsync(browser, template.Replace(routeValue.Value, value, StringComparison.Ordinal));
                }
            }
        }

        var file = tally.Write(totalsFile);
        TestContext.Current.TestOutputHelper?.WriteLine($"{tally.Summary()} (details in {file})");
        Assert.True(tally.Violations.Count == 0, $"{tally.Summary()}\n{string.Join('\n', tally.Violations.Take(60))}");
    }

    private static IEnumerable<string> Values(string name)
    {
        var common = new[]
        {
            string.Empty, "abc", "-1", "0", "2147483647", "2147483648", "99999999999999999999", "1.5", new string('9', 3000),
            "\0", "a\u0007b", "a\u202Eb", "9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "2026-13-45", "<script>alert(1)</script>", "bogus", "99",
        };
        return name.Contains("redirect", StringComparison.OrdinalIgnoreCase) || name.Contains("return", StringComparison.OrdinalIgnoreCase)
            ? [.. common, .. Redirects]
            : common;
    }

    /// <summary>Each page's route templates with its query parameter names; the preference endpoints read their query the same way.</summary>
    private static IEnumerable<(string Template, IReadOnlyList<string> Query)> Pages()
    {
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t)))
        {
            var query = type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => (p.Name, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(p => p.Attribute is not null)
                .Select(p => p.Attribute!.Name ?? p.Name)
                .ToList();
            foreach (var route in type.GetCustomAttributes<RouteAttribute>())
            {
                yield return (route.Template, query);
            }
        }

        yield return ("/preferences/culture", ["culture", "redirectUri"]);
        yield return ("/preferences/theme", ["dark", "redirectUri"]);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();

    /// <summary>Counts page answers by status; a 5xx, the error page or a redirect off the site is a violation.</summary>
    private sealed class PageTally
    {
        private readonly Dictionary<int, int> _byStatus = [];
        private readonly List<string> _violations = [];

        public IReadOnlyList<string> Violations => _violations;

        public async Task CheckAsync(Browser browser, string url)
        {
            using var response = await browser.GetAsync(url);
            var status = (int)response.StatusCode;
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (status >= 500 || body.Contains("Something went wrong", StringComparison.Ordinal))
            {
                _violations.Add($"GET {Shorten(url)} -> {status} (error page)");
            }
            else if (status is >= 300 and < 400 && response.Headers.Location is { IsAbsoluteUri: true, Host: var host } && host != "localhost")
            {
                _violations.Add($"GET {Shorten(url)} -> {status} redirects off the site to {response.Headers.Location}");
            }
            else if (status is >= 300 and < 400 && response.Headers.Location?.OriginalString is { } location
                && (location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal)))
            {
                _violations.Add($"GET {Shorten(url)} -> {status} redirects off the site to {location}");
            }
            else if (status is >= 400 && !body.Contains("<title>", StringComparison.Ordinal))
            {
                _violations.Add($"GET {Shorten(url)} -> {status} without a page");
            }
        }

        public string Summary() =>
            $"{_byStatus.Values.Sum()} requests: "
            + string.Join(", ", _byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))
            + $"; {_byStatus.Where(s => s.Key >= 500).Sum(s => s.Value)} 5xx; {_violations.Count} violations";

        public string Write(string fileName)
        {
            var path = Path.Combine(AppContext.BaseDirectory, fileName);
            File.WriteAllLines(path, [Summary(), .. _violations]);
            return path;
        }

        private static string Shorten(string url) => url.Length > 200 ? url[..200] + "…" : url;
    }
}
