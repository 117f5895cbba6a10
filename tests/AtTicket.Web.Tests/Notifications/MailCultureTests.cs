using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Members;
using AtTicket.Web.Tests.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Notifications;

/// <summary>
/// The language a member uses on the site becomes the language of their mails: a sign-in keeps it only
/// while none is stored, a switch of the site's language always replaces it.
/// </summary>
public sealed class MailCultureTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Password = "Encore#2027";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registering_in_korean_makes_korean_the_mail_language()
    {
        var email = $"ko-{Guid.NewGuid():N}@example.com";
        using var browser = app.NewBrowser();

        using var response = await browser.SubmitFormAsync("/Account/Register?culture=ko", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "김민지",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["Input.AcceptPrivacyTerms"] = "true",
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode); // "check your mail"
        Assert.Equal("ko", (await PreferencesOfAsync(email)).Culture);
    }

    [Fact]
    public async Task Logging_in_keeps_the_language_in_use_but_never_overrides_a_choice()
    {
        var (email, memberId) = await MemberAsync();
        using (var korean = app.NewBrowser())
        {
            using var login = await korean.SubmitFormAsync("/Account/Login?culture=ko", "login", Login(email));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        }

        Assert.Equal("ko", (await PreferencesOfAsync(email)).Culture);

        Assert.True(await Store.SaveAsync(memberId, [], "en", Ct));
        using (var koreanAgain = app.NewBrowser())
        {
            using var login = await koreanAgain.SubmitFormAsync("/Account/Login?culture=ko", "login", Login(email));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        }

        Assert.Equal("en", (await PreferencesOfAsync(email)).Culture);
    }

    [Fact]
    public async Task Switching_the_site_language_sets_the_mail_language_when_none_is_set()
    {
        var (email, memberId) = await MemberAsync();
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(email, Password);
        Assert.True(await Store.SaveAsync(memberId, [], culture: null, Ct)); // as if they had never been asked

        using var response = await browser.GetAsync("/preferences/culture?culture=ko&redirectUri=%2F");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("ko", (await PreferencesOfAsync(email)).Culture);
    }

    [Fact]
    public async Task Each_switch_of_the_site_language_replaces_the_mail_language()
    {
        var (email, memberId) = await MemberAsync();
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(email, Password);
        Assert.True(await Store.SaveAsync(memberId, [Domain.Catalog.ProductCategory.Concert], "en", Ct)); // chosen on the preferences page

        using (var korean = await browser.GetAsync("/preferences/culture?culture=ko&redirectUri=%2F"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, korean.StatusCode);
        }

        Assert.Equal("ko", (await PreferencesOfAsync(email)).Culture);

        using (var english = await browser.GetAsync("/preferences/culture?culture=en&redirectUri=%2F"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, english.StatusCode);
        }

        var preferences = await PreferencesOfAsync(email);
        Assert.Equal("en", preferences.Culture);
        Assert.Equal([Domain.Catalog.ProductCategory.Concert], preferences.Categories); // the alerts stay as they were
    }

    private MemberPreferencesStore Store => app.Services.GetRequiredService<MemberPreferencesStore>();

    private static Dictionary<string, string> Login(string email) => new() { ["Input.Email"] = email, ["Input.Password"] = Password };

    private async Task<(string Email, string MemberId)> MemberAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var email = $"lang-{Guid.NewGuid():N}@example.com";
        var member = new Member { UserName = email, Email = email, DisplayName = "Language Tester" };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().CreateAsync(member, Password)).Succeeded);
        return (email, member.Id);
    }

    private async Task<Domain.Members.MemberPreferences> PreferencesOfAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(email);
        Assert.NotNull(member);
        return await Store.GetAsync(member.Id, Ct);
    }
}
