using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Registration and login tell nobody which addresses have an account: the same answer for a new and a taken
/// address (the owner of a taken one learns of the attempt by mail), and about the same time for a login to an
/// unknown address as for a wrong password on a real one.
/// </summary>
public sealed partial class EnumerationTests : IAsyncLifetime
{
    private const string Password = "Encore#2026";
    private readonly SmtpSink _sink = SmtpSink.Shared();
    private readonly TestApp _app;

    public EnumerationTests()
    {
        var settings = TestApp.MailSettings(_sink);
        settings["Mail:PublicBaseUrl"] = "https://tickets.example";
        _app = new TestApp(settings);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_register_page_answers_a_taken_address_as_a_new_one_and_mails_its_owner()
    {
        var taken = await MemberAsync("Owner Kim");
        var fresh = NewEmail();

        var (freshStatus, freshText) = await RegisterOnPageAsync(fresh);
        var (takenStatus, takenText) = await RegisterOnPageAsync(taken);

        Assert.Equal(HttpStatusCode.OK, freshStatus);
        Assert.Equal(freshStatus, takenStatus);
        Assert.Contains("We sent a mail to", freshText);
        Assert.Equal(freshText.Replace(fresh, "ADDRESS", StringComparison.Ordinal), takenText.Replace(taken, "ADDRESS", StringComparison.Ordinal));

        var warning = Assert.Single(await _sink.WaitForMailsToAsync(taken));
        Assert.Equal("Someone tried to register your address", warning.Subject);
        Assert.Contains("https://tickets.example/Account/Login", warning.TextBody);
        Assert.Equal("Owner Kim", (await FindAsync(taken))!.DisplayName); // the stranger's name changed nothing

        // The new address gets a link that confirms it, on the site's public address whatever Host the form came with.
        var welcome = Assert.Single(await _sink.WaitForMailsToAsync(fresh));
        var link = ConfirmLink().Match(welcome.TextBody ?? string.Empty);
        Assert.True(link.Success, welcome.TextBody);
        using var confirmed = await _app.NewClient().GetAsync(new Uri(link.Value).PathAndQuery, Cancellation);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True((await FindAsync(fresh))!.EmailConfirmed);
    }

    [Fact]
    public async Task The_register_api_answers_a_taken_address_as_a_new_one_and_mails_its_owner()
    {
        var taken = await MemberAsync("Owner Park");
        var fresh = NewEmail();

        var (freshStatus, freshBody) = await RegisterOnApiAsync(fresh);
        var (takenStatus, takenBody) = await RegisterOnApiAsync(taken);

        Assert.Equal(HttpStatusCode.OK, freshStatus);
        Assert.Equal(freshStatus, takenStatus);
        Assert.Equal(freshBody, takenBody);
        Assert.Equal("Someone tried to register your address", Assert.Single(await _sink.WaitForMailsToAsync(taken)).Subject);
        Assert.NotNull(await FindAsync(fresh));
    }

    [Fact]
    public async Task A_weak_password_is_refused_alike_for_a_new_and_a_taken_address()
    {
        var taken = await MemberAsync("Owner Lee");

        var (freshStatus, freshBody) = await RegisterOnApiAsync(NewEmail(), "weak");
        var (takenStatus, takenBody) = await RegisterOnApiAsync(taken, "weak");

        Assert.Equal(HttpStatusCode.BadRequest, freshStatus);
        Assert.Equal(freshStatus, takenStatus);
        Assert.Equal(freshBody, takenBody);
    }

    /// <summary>
    /// Medians of many samples, taken in turns so that load on the machine falls on both alike. Before the fix an
    /// unknown address answered about 18 times faster (no password hash to check); the factor allows for noise only.
    /// </summary>
    [Fact]
    public async Task A_login_to_an_unknown_address_takes_about_as_long_as_a_wrong_password()
    {
        const int Samples = 20;
        // Each real account takes 5 of the wrong passwords: under every login limit and back-off.
        var accounts = new List<string>();
        for (var i = 0; i < Samples / 5; i++)
        {
            accounts.Add(await MemberAsync($"Timing {i}"));
        }

        for (var i = 0; i < 3; i++)
        {
            await TimeLoginAsync(NewEmail());
            await TimeLoginAsync(accounts[i % accounts.Count]);
        }

        var unknown = new List<double>();
        var known = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            unknown.Add(await TimeLoginAsync(NewEmail()));
            known.Add(await TimeLoginAsync(accounts[i / 5]));
        }

        var (unknownMedian, knownMedian) = (Median(unknown), Median(known));
        var factor = Math.Max(unknownMedian, knownMedian) / Math.Min(unknownMedian, knownMedian);
        TestContext.Current.SendDiagnosticMessage($"login medians: unknown {unknownMedian:0.0} ms, wrong password {knownMedian:0.0} ms, factor {factor:0.00}");
        Assert.True(factor < 3, $"Unknown address: median {unknownMedian:0.0} ms; wrong password: {knownMedian:0.0} ms (factor {factor:0.0}).");
    }

    private async Task<double> TimeLoginAsync(string email)
    {
        using var client = _app.NewClient();
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong#2026x" }, Cancellation);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private async Task<(HttpStatusCode Status, string Text)> RegisterOnPageAsync(string email)
    {
        using var browser = _app.NewBrowser();
        using var response = await browser.SubmitFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Stranger",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.AcceptPrivacyTerms"] = "true",
        });
        return (response.StatusCode, Browser.VisibleText(await Browser.ParseAsync(response)));
    }

    private async Task<(HttpStatusCode Status, string Body)> RegisterOnApiAsync(string email, string password = Password)
    {
        using var client = _app.NewClient();
        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password, acceptPrivacyTerms = true }, Cancellation);
        // The trace id differs per request by nature; everything else must be the same.
        return (response.StatusCode, TraceId().Replace(await response.Content.ReadAsStringAsync(Cancellation), string.Empty));
    }

    private async Task<string> MemberAsync(string name)
    {
        var email = NewEmail();
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>()
            .CreateAsync(new Member { UserName = email, Email = email, DisplayName = name }, Password);
        Assert.True(created.Succeeded);
        return email;
    }

    private async Task<Member?> FindAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(email);
    }

    private static string NewEmail() => $"enum-{Guid.NewGuid():N}@atticket.test";

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"https://tickets\.example/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}
