using System.Text.RegularExpressions;

namespace AtTicket.Web.Tests.Http;

/// <summary>The headers that keep data from running as script: a Content-Security-Policy, nosniff, a referrer policy.</summary>
public sealed partial class SecurityHeaderTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_page_runs_only_its_own_scripts_and_the_import_map_with_this_requests_nonce()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync("/");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scripts = Directive(policy, "script-src");
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Contains("'self'", scripts);
        Assert.Equal("'none'", Directive(policy, "object-src"));
        Assert.Equal("'none'", Directive(policy, "frame-ancestors"));

        var nonce = Nonce().Match(scripts).Groups[1].Value;
        Assert.NotEmpty(nonce);
        var page = await Browser.ParseAsync(response);
        var inline = page.QuerySelectorAll("script:not([src])");
        Assert.NotEmpty(inline);
        Assert.All(inline, script => Assert.Equal(nonce, script.GetAttribute("nonce")));
    }

    [Fact]
    public async Task Each_request_gets_a_new_nonce()
    {
        using var browser = app.NewBrowser();

        using var first = await browser.GetAsync("/");
        using var second = await browser.GetAsync("/");

        Assert.NotEqual(
            Nonce().Match(Assert.Single(first.Headers.GetValues("Content-Security-Policy"))).Value,
            Nonce().Match(Assert.Single(second.Headers.GetValues("Content-Security-Policy"))).Value);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/api/products")]
    public async Task Answers_forbid_sniffing_and_full_referrers(string url)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(url);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..];

    [GeneratedRegex(@"'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex Nonce();
}
