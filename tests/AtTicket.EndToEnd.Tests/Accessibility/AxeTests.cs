using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Accessibility;

/// <summary>
/// axe-core on every customer and admin page state, in English and (the main customer pages) Korean:
/// no WCAG 2.0, 2.1 or 2.2 level A or AA violation. Each state is its own test case; a failure lists
/// every violation with the elements it was found on. It books a demo seat, which the dashboard counts, so it
/// runs with the tests that change the shared catalog.
/// </summary>
[Collection(CatalogChangingCollection.Name)]
public sealed partial class AxeTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static TheoryData<string> PageStates => [.. States.Keys];

    /// <summary>How each state is reached: who is signed in, which language, what is done on the page before the scan.</summary>
    private static readonly Dictionary<string, PageState> States = new()
    {
        ["home"] = Guest("/"),
        ["products"] = Guest("/products"),
        ["products, no results"] = Guest("/products?q=zz-no-such-show"),
        ["product"] = Guest("/products/1"),
        ["seat map"] = Guest(AxeShopper.PerformancePath),
        ["live box office"] = Guest($"/live/{AxeShopper.PerformanceId}"),
        ["login"] = Guest("/Account/Login"),
        ["register"] = Guest("/Account/Register"),
        ["forgot password"] = Guest("/Account/ForgotPassword"),
        ["restore address, expired link"] = Guest("/Account/UndoAddressChange?token=expired"),
        ["page not found"] = Guest("/no-such-page"),
        ["seat map, seats selected"] = new(Who.NewCustomer, AxeShopper.PerformancePath, SelectSeatsAsync),
        ["seat map, hold and checkout"] = new(Who.NewCustomerHolding, AxeShopper.PerformancePath, ExpectCheckoutAsync),
        ["my bookings"] = new(Who.Booker, "/bookings"),
        ["booking"] = new(Who.Booker, "/bookings/{booking}"),
        ["change password"] = new(Who.Booker, "/Account/Manage/ChangePassword"),
        ["change e-mail address"] = new(Who.Booker, "/Account/Manage/Email"),
        ["mail preferences"] = new(Who.Booker, "/account/notifications"),
        ["admin dashboard"] = Admin("/admin"),
        ["admin products"] = Admin("/admin/products"),
        ["admin product form"] = Admin("/admin/products/1"),
        ["admin new product"] = Admin("/admin/products/new"),
        ["admin venues"] = Admin("/admin/venues"),
        ["admin hall seat-map editor"] = Admin("/admin/halls/{hall}"),
        ["admin performances"] = Admin("/admin/performances"),
        ["admin grade painter"] = Admin($"/admin/performances/{AxeShopper.PerformanceId}"),
        ["admin sales"] = Admin($"/admin/performances/{AxeShopper.PerformanceId}/sales"),
        ["admin bookings"] = Admin($"/admin/performances/{AxeShopper.PerformanceId}/bookings"),
        ["admin messages"] = Admin("/admin/messages"),
        ["admin find a booking"] = Admin("/admin/bookings"),
        ["ko admin find a booking"] = Admin("/admin/bookings") with { Korean = true },
        ["ko home"] = Guest("/", korean: true),
        ["ko products"] = Guest("/products", korean: true),
        ["ko product"] = Guest("/products/1", korean: true),
        ["ko seat map"] = Guest(AxeShopper.PerformancePath, korean: true),
        ["ko seat map, seats selected"] = new(Who.NewCustomer, AxeShopper.PerformancePath, SelectSeatsAsync, Korean: true),
        ["ko seat map, hold and checkout"] = new(Who.NewCustomerHolding, AxeShopper.PerformancePath, ExpectCheckoutAsync, Korean: true),
        ["ko login"] = Guest("/Account/Login", korean: true),
        ["ko register"] = Guest("/Account/Register", korean: true),
        ["ko restore address, expired link"] = Guest("/Account/UndoAddressChange?token=expired", korean: true),
        ["ko my bookings"] = new(Who.Booker, "/bookings", Korean: true),
        ["ko booking"] = new(Who.Booker, "/bookings/{booking}", Korean: true),
        ["ko page not found"] = Guest("/no-such-page", korean: true),
        ["dark home"] = Guest("/") with { Dark = true },
        ["dark product"] = Guest("/products/1") with { Dark = true },
        ["dark seat map, hold and checkout"] = new(Who.NewCustomerHolding, AxeShopper.PerformancePath, ExpectCheckoutAsync, Dark: true),
        ["dark booking"] = new(Who.Booker, "/bookings/{booking}", Dark: true),
        ["dark admin performances"] = Admin("/admin/performances") with { Dark = true },
    };

    [Theory]
    [MemberData(nameof(PageStates))]
    public async Task Page_state_has_no_WCAG_A_or_AA_violations(string state)
    {
        var (who, path, prepare, korean, dark) = States[state];
        var shopper = await AxeShopper.GetAsync(App.BaseUrl);
        var account = who switch
        {
            Who.Admin => (Demo.AdminEmail, Demo.AdminPassword),
            Who.Booker => (shopper.BookerEmail, AxeShopper.Password),
            Who.NewCustomer => (await shopper.NewMemberAsync(), AxeShopper.Password),
            Who.NewCustomerHolding => (await shopper.NewMemberHoldingAsync(), AxeShopper.Password),
            _ => ((string, string)?)null,
        };
        path = path.Replace("{booking}", shopper.BookingId.ToString(), StringComparison.Ordinal)
            .Replace("{hall}", shopper.HallId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        await InBrowserAsync(async page =>
        {
            if (korean)
            {
                await page.GotoAsync("/preferences/culture?culture=ko&redirectUri=%2F");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
            }

            if (dark)
            {
                await page.GotoAsync("/preferences/theme?dark=true&redirectUri=%2F");
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Light theme" })).ToBeVisibleAsync();
            }

            if (account is { } signIn)
            {
                await page.GotoAsync("/Account/Login");
                await page.Locator("#email").FillAsync(signIn.Item1);
                await page.Locator("#password").FillAsync(signIn.Item2);
                await page.Locator("form.account-form button[type=submit]").ClickAsync();
                await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
            }

            await GotoAsync(page, path);
            if (prepare is not null)
            {
                await prepare(page, shopper);
            }

            // Charts, tooltips and transitions settle after the first render batch.
            await page.WaitForTimeoutAsync(300);
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            });

            Log($"{state} ({path}): {result.Violations.Length} violations, {result.Passes.Length} rules passed, {result.Incomplete.Length} to review");
            Assert.True(result.Violations.Length == 0, Describe(state, page.Url, result.Violations));
        });
    }

    private static string Describe(string state, string url, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"{state} ({url}) has {violations.Length} WCAG A/AA violation(s):\n");
        foreach (var violation in violations)
        {
            text.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(8))
            {
                text.AppendLine($"    {node.Target}: {node.Html}");
            }

            if (violation.Nodes.Length > 8)
            {
                text.AppendLine($"    ... and {violation.Nodes.Length - 8} more");
            }
        }

        return text.ToString();
    }

    /// <summary>Picks two seats on the map (clicks until the circuit takes them); the selection panel lists them.</summary>
    private static async Task SelectSeatsAsync(IPage page, AxeShopper shopper)
    {
        foreach (var seatId in shopper.SeatIdsToSelect)
        {
            var seat = page.Locator($"g.seat[data-seat-id=\"{seatId}\"]");
            await ClickUntilAsync(seat, timeout => Expect(seat).ToHaveClassAsync(Selected(), new() { Timeout = timeout }));
        }

        await Expect(page.GetByTestId("selected-seats").Locator("li")).ToHaveCountAsync(shopper.SeatIdsToSelect.Count);
    }

    private static Task ExpectCheckoutAsync(IPage page, AxeShopper _) => Expect(page.GetByTestId("hold-panel").Locator("form")).ToBeVisibleAsync();

    private static PageState Guest(string path, bool korean = false) => new(Who.Guest, path, null, korean);

    private static PageState Admin(string path) => new(Who.Admin, path);

    [GeneratedRegex(@"\bselected\b")]
    private static partial Regex Selected();

    private enum Who
    {
        Guest,
        Admin,
        Booker,
        NewCustomer,
        NewCustomerHolding,
    }

    private sealed record PageState(Who Who, string Path, Func<IPage, AxeShopper, Task>? Prepare = null, bool Korean = false, bool Dark = false);
}
