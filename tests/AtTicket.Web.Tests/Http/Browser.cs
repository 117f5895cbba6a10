using AtTicket.Web.Components.Account;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace AtTicket.Web.Tests.Http;

/// <summary>What a person's browser does with the static account pages: keep cookies, read a form, post it back.</summary>
public sealed class Browser(HttpClient client) : IDisposable
{
    /// <summary>Where WebApplicationFactory's clients send requests.</summary>
    private const string OwnOrigin = "http://localhost";

    private static readonly HtmlParser Parser = new();

    public HttpClient Client => client;

    public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(url, TestContext.Current.CancellationToken);

    /// <summary>GETs a page that must answer 200 and returns it parsed.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}, expected 200.");
        return await ParseAsync(response);
    }

    /// <summary>
    /// Loads <paramref name="url"/>, finds the form whose <c>_handler</c> is <paramref name="formName"/>
    /// (or whose action is <paramref name="formName"/>), fills in <paramref name="fields"/> over its own
    /// values (antiforgery token included) and posts it.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var page = await GetPageAsync(url);
        var form = FindForm(page, formName)
            ?? throw new InvalidOperationException($"The page {url} has no form '{formName}'.");

        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            var isCheckbox = input.Type is "checkbox" or "radio";
            if (fields.ContainsKey(input.Name!) || (isCheckbox && !input.IsChecked))
            {
                continue;
            }

            values.Add(new(input.Name!, input.Value));
        }

        values.AddRange(fields);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    /// <param name="returnUrl">Null: the login page opened by itself, with no page to return to.</param>
    public Task<HttpResponseMessage> LogInAsync(string email, string password, string? returnUrl = "/") =>
        SubmitFormAsync(
            returnUrl is null ? "/Account/Login" : "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl),
            "login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Logs in and checks that it worked: the sign-in redirects to the return URL.</summary>
    /// <param name="landing">Where the login sends this member: home, or the dashboard for an admin (<see cref="LandingPage"/>).</param>
    public async Task LogInSuccessfullyAsync(string email, string password, string landing = LandingPage.Home)
    {
        using var response = await LogInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, RedirectTarget(response));
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>
    /// The Location header as written, with this test server's own origin removed, so a local target reads
    /// "/path?query" and anything pointing elsewhere stays visibly absolute.
    /// </summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("Location", out var values) || values.Count != 1)
        {
            throw new InvalidOperationException($"A {(int)response.StatusCode} response without a single Location header.");
        }

        var location = values.ToString();
        return location.StartsWith(OwnOrigin + "/", StringComparison.Ordinal) ? location[OwnOrigin.Length..] : location;
    }

    /// <summary>Text of the page as a reader sees it: no style or script content, whitespace runs collapsed.</summary>
    public static string VisibleText(IDocument page)
    {
        var words = (page.Body?.GetDescendants().OfType<IText>() ?? [])
            .Where(text => !text.GetAncestors().OfType<IElement>().Any(e => e.LocalName is "style" or "script" or "template"))
            .SelectMany(text => text.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.Join(' ', words);
    }

    /// <summary>The lines of the page's error alert (one per message), or none when there is no alert.</summary>
    public static IReadOnlyList<string> AlertLines(IDocument page) =>
        page.QuerySelector("[role='alert']") is { } alert
            ? [.. alert.QuerySelectorAll(".mud-alert-message > div").Select(line => line.TextContent.Trim())]
            : [];

    private static IHtmlFormElement? FindForm(IHtmlDocument page, string formName) =>
        page.Forms.FirstOrDefault(f =>
            f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null
            || string.Equals(f.GetAttribute("action"), formName, StringComparison.OrdinalIgnoreCase));

    public void Dispose() => client.Dispose();
}
