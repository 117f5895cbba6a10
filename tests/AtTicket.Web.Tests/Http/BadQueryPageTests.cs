using AtTicket.Web.Components.Account;
using System.Net;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Query strings a person can type or tamper with: a value that is not a number, a huge one, one that would
/// overflow the paging, a far-future date, or a preference left out. Each page still renders (the bad value
/// is ignored); nothing answers 500.
/// </summary>
public sealed class BadQueryPageTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("/products?page=abc")]
    [InlineData("/products?page=-1")]
    [InlineData("/products?page=99999999999999")]
    [InlineData("/products?page=2147483647")]
    [InlineData("/products?venue=abc")]
    [InlineData("/products?venue=99999999999999")]
    [InlineData("/products?from=9999-12-31&to=9999-12-31")]
    [InlineData("/products?from=0001-01-01")]
    [InlineData("/products?category=99")]
    public async Task Browse_ignores_a_bad_query_value_and_shows_the_page(string url)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains("Browse concerts, musicals and movies", Browser.VisibleText(page));
    }

    [Theory]
    [InlineData("/admin/performances?productId=abc")]
    [InlineData("/admin/performances?productId=99999999999999")]
    [InlineData("/admin/performances/new?productId=abc&hallId=x")]
    [InlineData("/admin/performances/new?hallId=99999999999999")]
    public async Task Admin_pages_ignore_a_bad_id_in_the_query(string url)
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password, LandingPage.AdminDashboard);

        using var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/preferences/culture")]
    [InlineData("/preferences/culture?culture=")]
    [InlineData("/preferences/theme")]
    [InlineData("/preferences/theme?dark=abc")]
    public async Task A_preference_without_a_valid_choice_changes_nothing_and_goes_back(string url)
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(url + (url.Contains('?') ? "&" : "?") + "redirectUri=%2Fproducts");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/products", Browser.RedirectTarget(response));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
