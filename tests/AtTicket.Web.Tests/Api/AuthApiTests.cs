using System.Net;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Api;

/// <summary>The Identity API endpoints under /api/auth, and how the catalog API reads who is calling.</summary>
public sealed class AuthApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Password = "Encore#2027";

    [Fact]
    public async Task Login_answers_a_bearer_token_with_a_refresh_token()
    {
        using var client = app.Anonymous();

        using var response = await client.PostAsync("/api/auth/login", new { email = DemoAccounts.Admin.Email, password = DemoAccounts.Admin.Password });

        var tokens = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        ApiAssert.HasFields(tokens, "tokenType", "accessToken", "expiresIn", "refreshToken");
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.True(tokens.GetProperty("expiresIn").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refreshToken").GetString()));
    }

    [Fact]
    public async Task Login_with_a_wrong_password_answers_401_problem()
    {
        var email = await RegisterAsync();
        using var client = app.Anonymous();

        using var response = await client.PostAsync("/api/auth/login", new { email, password = "Wrong#2027" });

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Registered_member_is_a_customer_who_can_read_but_not_administer_the_catalog()
    {
        var email = await RegisterAsync();
        using var member = app.WithToken(await app.LogInAsync(email, Password));

        using var products = await member.GetAsync("/api/products");
        using var create = await member.PostAsync("/api/products", ProductBody.OnSale("Not allowed"));

        await ApiAssert.JsonAsync(products, HttpStatusCode.OK);
        await ApiAssert.ProblemAsync(create, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Register_with_a_weak_password_answers_400_with_errors()
    {
        using var client = app.Anonymous();

        using var response = await client.PostAsync("/api/auth/register", new { email = NewEmail(), password = "short", acceptPrivacyTerms = true });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task Register_without_consent_to_the_privacy_terms_answers_400_problem_naming_the_field_and_creates_nobody(bool? consent)
    {
        using var client = app.Anonymous();
        var email = NewEmail();

        using var response = await client.PostAsync("/api/auth/register", consent is null ? (object)new { email, password = Password } : new { email, password = Password, acceptPrivacyTerms = consent.Value });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("privacy terms", problem.GetProperty("errors").GetProperty("acceptPrivacyTerms")[0].GetString(), StringComparison.Ordinal);
        using var login = await client.PostAsync("/api/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Register_with_a_taken_email_answers_as_for_a_new_one_and_changes_nothing()
    {
        using var client = app.Anonymous();

        using var response = await client.PostAsync("/api/auth/register", new { email = DemoAccounts.Jun.Email, password = Password, acceptPrivacyTerms = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the owner learns of it by mail (EnumerationTests)
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var stranger = app.Anonymous();
        using var login = await stranger.PostAsync("/api/auth/login", new { email = DemoAccounts.Jun.Email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Refresh_answers_new_tokens_that_keep_the_admin_role()
    {
        using var client = app.Anonymous();
        using var login = await client.PostAsync("/api/auth/login", new { email = DemoAccounts.Admin.Email, password = DemoAccounts.Admin.Password });
        var refreshToken = (await ApiAssert.JsonAsync(login, HttpStatusCode.OK)).GetProperty("refreshToken").GetString();

        using var response = await client.PostAsync("/api/auth/refresh", new { refreshToken });

        var tokens = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        ApiAssert.HasFields(tokens, "tokenType", "accessToken", "expiresIn", "refreshToken");
        using var admin = app.WithToken(tokens.GetProperty("accessToken").GetString()!);
        var drafts = await admin.GetJsonAsync("/api/products?status=draft");
        Assert.Contains(drafts.GetProperty("items").EnumerateArray(), p => p.GetProperty("title").GetString() == "Winter Jazz Night");
    }

    [Fact]
    public async Task Refresh_with_an_unknown_token_answers_401()
    {
        using var client = app.Anonymous();

        using var response = await client.PostAsync("/api/auth/refresh", new { refreshToken = "not-a-refresh-token" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Forged_bearer_token_answers_401_problem()
    {
        using var client = app.WithToken("forged-token");

        using var response = await client.PostAsync("/api/products", ProductBody.OnSale("Forged"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Customer_signed_in_by_cookie_gets_403_from_an_admin_endpoint_not_a_redirect()
    {
        using var browser = await app.BrowserSignedInAsync(DemoAccounts.Minji);
        using var client = new ApiClient(browser.Client);

        using var response = await client.PostAsync("/api/products", ProductBody.OnSale("By cookie"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_signed_in_by_cookie_reaches_an_admin_endpoint()
    {
        using var browser = await app.BrowserSignedInAsync(DemoAccounts.Admin);
        using var client = new ApiClient(browser.Client);
        client.Http.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest"); // a cookie call must send it (CsrfApiTests)

        using var response = await client.PostAsync("/api/products", ProductBody.Draft("By cookie"));

        await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private async Task<string> RegisterAsync()
    {
        var email = NewEmail();
        using var client = app.Anonymous();
        using var response = await client.PostAsync("/api/auth/register", new { email, password = Password, acceptPrivacyTerms = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return email;
    }

    private static string NewEmail() => $"api-{Guid.NewGuid():N}@example.com";
}
