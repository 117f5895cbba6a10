using System.Net;
using System.Text;

namespace AtTicket.Web.Tests.Api;

/// <summary>The problems the framework writes with a status alone (no route, wrong method, not JSON) still say what is wrong.</summary>
public sealed class StatusDetailApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_address_with_no_operation_answers_404_with_a_detail()
    {
        using var client = app.Anonymous();

        using var response = await client.Http.GetAsync("/api/no-such-thing", Cancellation);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("nothing at this address", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_method_the_address_does_not_take_answers_405_naming_the_ones_it_takes()
    {
        using var client = app.Anonymous();

        using var response = await client.Http.DeleteAsync("/api/products", Cancellation);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("does not take DELETE requests", detail);
        Assert.Contains("GET", detail);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_with_a_detail()
    {
        using var client = app.Anonymous();

        using var response = await client.Http.PostAsync(
            "/api/auth/login", new StringContent("email=a@b.c&password=x", Encoding.UTF8, "application/x-www-form-urlencoded"), Cancellation);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_problem_with_its_own_detail_keeps_it()
    {
        using var client = app.Anonymous();

        using var response = await client.Http.GetAsync("/api/products/987654", Cancellation);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("There is no product with that id.", problem.GetProperty("detail").GetString());
    }
}
