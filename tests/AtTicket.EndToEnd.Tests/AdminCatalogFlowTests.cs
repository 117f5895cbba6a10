using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Tests.Mail;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// The catalog from both sides: an admin creates a product, draws a hall in the seat-map editor,
/// schedules a performance there with two grades painted on the map and puts it on sale; a
/// customer, in a browser of their own, finds it by its title and sees the seats left per grade.
/// </summary>
[Collection(CatalogChangingCollection.Name)]
public sealed partial class AdminCatalogFlowTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    private const string Venue = "Hanbit Concert Hall";
    private const string Section = "Stalls";
    private const string FrontGrade = "Front";
    private const string BackGrade = "Back";

    [Fact]
    public async Task Admin_puts_a_new_product_on_sale_in_a_new_hall_and_a_customer_finds_it_with_seats_left_per_grade()
    {
        // Unique per run, so the search finds exactly this product whatever else the database holds.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var title = $"E2E Musical {suffix}";
        var hallName = $"E2E Hall {suffix}";
        var productId = 0;
        var hallId = 0;
        var passed = false;

        try
        {
            await InBrowserAsync(async page =>
            {
                await LogInAsAdminAsync(page);
                productId = await CreateProductOnSaleAsync(page, title);
                hallId = await CreateHallAsync(page, hallName);
                await SchedulePerformanceOnSaleAsync(page, productId, hallId, hallName);
                await ShowProductListAsync(page, title);
            });

            await InBrowserAsync(async page =>
            {
                await GotoAsync(page, "/Account/Login");
                await SubmitLoginAsync(page, Demo.CustomerEmail, Demo.CustomerPassword);
                await Expect(MemberName(page)).ToHaveTextAsync(Demo.CustomerName);

                await FindByTitleAsync(page, title, productId);
                await CheckRemainingSeatsAsync(page, title, hallName);
                await OpenSeatMapAsync(page, title, hallName);
            });

            passed = true;
        }
        finally
        {
            if (productId > 0)
            {
                try
                {
                    await DeleteProductAsync(productId);
                }
                catch (Exception exception) when (!passed)
                {
                    // The test's own failure is the one to report.
                    Log($"could not delete product {productId} after the failure: {exception.Message}");
                }
            }
        }
    }

    [Fact]
    public async Task A_customer_following_musicals_is_mailed_when_the_admin_puts_a_musical_on_sale()
    {
        var sink = SmtpSink.Shared();
        var title = $"E2E Alert Musical {Guid.NewGuid().ToString("N")[..8]}";
        var productId = 0;
        var passed = false;
        try
        {
            await InBrowserAsync(page => FollowMusicalsAsync(page, follow: true));
            await InBrowserAsync(async page =>
            {
                await LogInAsAdminAsync(page);
                productId = await CreateProductOnSaleAsync(page, title);
            });

            var alert = Assert.Single(await sink.WaitForMailsToAsync(Demo.CustomerEmail, m => m.Subject?.Contains(title, StringComparison.Ordinal) == true));
            Assert.Equal($"Now on sale: {title}", alert.Subject);
            Assert.Contains($"/products/{productId}", alert.TextBody);
            Assert.Contains("/unsubscribe", alert.Headers[MimeKit.HeaderId.ListUnsubscribe]);
            passed = true;
        }
        finally
        {
            try
            {
                // Other tests put musicals on sale too: the demo customer stops following them.
                await InBrowserAsync(page => FollowMusicalsAsync(page, follow: false));
                if (productId > 0)
                {
                    await DeleteProductAsync(productId);
                }
            }
            catch (Exception exception) when (!passed)
            {
                Log($"could not put the preferences and the catalog back after the failure: {exception.Message}");
            }
        }
    }

    /// <summary>The demo customer ticks (or unticks) Musical on the mail preferences page and saves.</summary>
    private async Task FollowMusicalsAsync(IPage page, bool follow)
    {
        await page.GotoAsync("/account/notifications");
        await SubmitLoginAsync(page, Demo.CustomerEmail, Demo.CustomerPassword);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/account/notifications");
        await WaitForCircuitAsync(page);
        var musical = page.GetByRole(AriaRole.Checkbox, new() { Name = "Musical", Exact = true });
        await Expect(musical).ToBeCheckedAsync(new() { Checked = !follow });
        await ClickUntilAsync(page.GetByTestId("category-Musical"), timeout => Expect(musical).ToBeCheckedAsync(new() { Checked = follow, Timeout = timeout }));
        await page.GetByTestId("save-preferences").ClickAsync();
        await Expect(page.GetByText("Your mail preferences are saved.")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Puts the catalog back as seeded (six products on sale), for tests that count it and run
    /// later in the same app: through the API, so it happens even when the browser part failed.
    /// The hall stays; nothing counts halls.
    /// </summary>
    private async Task DeleteProductAsync(int productId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email = Demo.AdminEmail, password = Demo.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());

        using var deleted = await http.DeleteAsync($"/api/products/{productId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await http.GetAsync($"/api/products/{productId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    // ---- Admin ----

    private async Task LogInAsAdminAsync(IPage page)
    {
        // The admin area sends an anonymous visitor to log in and back.
        await page.GotoAsync("/admin/products");
        await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/products");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Products", Level = 1 })).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
    }

    /// <returns>The new product's id.</returns>
    private async Task<int> CreateProductOnSaleAsync(IPage page, string title)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/products/new");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New product", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel(new Regex(@"^Title\*?$")).FillAsync(title); // not "Title in Korean (optional)"
        await ChooseAsync(page, "Category", "Musical");
        await page.GetByLabel("Running time (minutes)").FillAsync("150");
        await page.GetByRole(AriaRole.Radio, new() { Name = "12+", Exact = true }).CheckAsync();
        await page.GetByLabel(new Regex(@"^Description\*?$")).FillAsync("A musical made by the end-to-end test: two grades, one new hall.");
        // The sale period defaults to this hour for 30 days: on sale from now.
        await Expect(page.GetByLabel("Sale starts")).ToHaveValueAsync(IsoDate());
        await Expect(page.GetByLabel("Sale ends")).ToHaveValueAsync(IsoDate());

        await ChooseAsync(page, "Status", "On sale");
        await Expect(page.GetByTestId("on-sale-note")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/products");
        await Expect(page.GetByText($"Saved {title}.")).ToBeVisibleAsync();

        var grid = page.GetByTestId("products");
        await page.GetByLabel("Search by title").FillAsync(title);
        var row = grid.Locator("tbody tr").Filter(new() { HasText = title });
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Musical");
        await Expect(row).ToContainTextAsync("On sale");

        var href = await row.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).GetAttributeAsync("href");
        var id = int.Parse(IdAtEnd().Match(href ?? string.Empty).Groups[1].Value);
        Log($"product {id}: {title}");
        return id;
    }

    /// <returns>The new hall's id.</returns>
    private async Task<int> CreateHallAsync(IPage page, string hallName)
    {
        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Venues and halls" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/venues");
        var venue = page.GetByTestId("venue").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = Venue, Exact = true }) });
        await Expect(venue).ToHaveCountAsync(1);
        await venue.GetByRole(AriaRole.Link, new() { Name = "Add hall" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(NewHallUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New hall", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No sections yet.")).ToBeVisibleAsync();

        await page.GetByLabel(new Regex(@"^Hall name\*?$")).FillAsync(hallName);
        await page.GetByLabel("New section").FillAsync(Section);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add section" }).ClickAsync();
        await Expect(page.GetByTestId("section-row")).ToHaveTextAsync(new Regex($"^{Section}"));

        // The generator proposes the section just added.
        var generate = page.GetByTestId("generate");
        await Expect(generate.GetByLabel("Section", new() { Exact = true })).ToHaveValueAsync(Section);
        await generate.GetByLabel("Rows", new() { Exact = true }).FillAsync("3");
        await generate.GetByLabel("Seats per row").FillAsync("6");
        await generate.GetByLabel("Seats per row").PressAsync("Tab");
        var generateButton = generate.GetByRole(AriaRole.Button, new() { Name = "Generate 18 seats" });
        await Expect(generateButton).ToBeVisibleAsync();
        await generateButton.ClickAsync();

        var map = page.GetByRole(AriaRole.Group, new() { Name = $"Seat map of {hallName}" });
        await Expect(map.Locator("g.seat")).ToHaveCountAsync(18);
        await Expect(page.GetByText("18 seats", new() { Exact = true })).ToBeVisibleAsync();

        // An aisle: one seat out of the back row.
        await map.GetByRole(AriaRole.Button, new() { Name = $"{Section} C-3", Exact = true }).ClickAsync();
        var toolbar = page.GetByTestId("selection-toolbar");
        await Expect(toolbar).ToContainTextAsync("1 selected");
        await Expect(map.GetByRole(AriaRole.Button, new() { Name = $"{Section} C-3, Selected", Exact = true })).ToBeVisibleAsync();
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Remove seats" }).ClickAsync();
        await Expect(map.Locator("g.seat")).ToHaveCountAsync(17);
        await Expect(map.GetByRole(AriaRole.Button, new() { Name = $"{Section} C-3", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByText("17 seats", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("unsaved")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(SavedHallUrl());
        await Expect(page.GetByText($"Hall {hallName} created with 17 seats.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = hallName, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        await Expect(map.Locator("g.seat")).ToHaveCountAsync(17);
        await CloseSnackbarsAsync(page);
        await ScreenshotAsync(page, "issue3-editor.png");

        var id = int.Parse(IdAtEnd().Match(page.Url).Groups[1].Value);
        Log($"hall {id}: {hallName} in {Venue}");
        return id;
    }

    private async Task SchedulePerformanceOnSaleAsync(IPage page, int productId, int hallId, string hallName)
    {
        await OpenInteractiveAsync(page, $"/admin/performances/new?productId={productId}&hallId={hallId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule performances", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("schedule-summary")).ToContainTextAsync("One performance:");

        var map = page.GetByRole(AriaRole.Group, new() { Name = "Seat map: click or drag to paint seats" });
        await Expect(map.Locator("g.seat")).ToHaveCountAsync(17);
        var unassigned = page.GetByTestId("unassigned-count");
        await Expect(unassigned).ToHaveTextAsync("17 unassigned");

        // Two grades out of the four proposed: remove two, rename and reprice the others.
        var grades = page.GetByTestId("grade-row");
        await Expect(grades).ToHaveCountAsync(4);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove A", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove S", Exact = true }).ClickAsync();
        await Expect(grades).ToHaveCountAsync(2);
        await SetGradeAsync(grades.Nth(0), FrontGrade, 50_000);
        await SetGradeAsync(grades.Nth(1), BackGrade, 30_000);
        await Expect(PickGrade(page, FrontGrade)).ToBeVisibleAsync();
        await Expect(PickGrade(page, BackGrade)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("grade-problem")).ToHaveCountAsync(0);

        // Not every seat has a grade yet, so it cannot go on sale.
        await Expect(page.GetByTestId("create-on-sale")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("blocker")).ToContainTextAsync("17 seats have none");

        // Row A with the whole-row tool: one click on any of its seats.
        await PickGrade(page, FrontGrade).ClickAsync();
        await Expect(PickGrade(page, FrontGrade)).ToHaveAttributeAsync("aria-checked", "true");
        await PaintTool(page, "Whole row").ClickAsync();
        await Expect(PaintTool(page, "Whole row")).ToBeCheckedAsync();
        await PaintedSeat(map, "A", 4, "no grade").ClickAsync();
        await Expect(GradeCount(grades.Nth(0))).ToHaveTextAsync("6 seats");
        for (var number = 1; number <= 6; number++)
        {
            await Expect(PaintedSeat(map, "A", number, FrontGrade)).ToHaveCountAsync(1);
        }

        // Row B by dragging a band across it, with the single-seat tool.
        await PaintTool(page, "Seat").ClickAsync();
        await Expect(PaintTool(page, "Seat")).ToBeCheckedAsync();
        await Expect(map).ToHaveAttributeAsync("data-area-selection", "on");
        await DragAsync(page, PaintedSeat(map, "B", 1, "no grade"), PaintedSeat(map, "B", 6, "no grade"));
        await Expect(GradeCount(grades.Nth(0))).ToHaveTextAsync("12 seats");
        for (var number = 1; number <= 6; number++)
        {
            await Expect(PaintedSeat(map, "B", number, FrontGrade)).ToHaveCountAsync(1);
        }

        await Expect(unassigned).ToHaveTextAsync("5 unassigned");

        // Everything else into the second grade.
        await PickGrade(page, BackGrade).ClickAsync();
        await Expect(PickGrade(page, BackGrade)).ToHaveAttributeAsync("aria-checked", "true");
        await page.GetByTestId("fill-unassigned").ClickAsync();
        await Expect(unassigned).ToHaveTextAsync("0 unassigned");
        await Expect(GradeCount(grades.Nth(0))).ToHaveTextAsync("12 seats");
        await Expect(GradeCount(grades.Nth(1))).ToHaveTextAsync("5 seats");
        await Expect(map.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($": {BackGrade}$") })).ToHaveCountAsync(5);
        await Expect(map.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("row C seat") })).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("blocker")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("fill-unassigned")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "issue3-painter.png");

        await page.GetByTestId("create-on-sale").ClickAsync();

        await Expect(page).ToHaveURLAsync($"{App.BaseUrl}/admin/performances?productId={productId}");
        await Expect(page.GetByText("1 performance scheduled.")).ToBeVisibleAsync();
        var performance = page.GetByTestId("performances").Locator("tbody tr");
        await Expect(performance).ToHaveCountAsync(1);
        await Expect(performance).ToContainTextAsync($"{Venue} · {hallName}");
        await Expect(performance.GetByTestId("status")).ToHaveTextAsync("On sale");
        await Expect(performance).ToContainTextAsync("0 / 17");
    }

    private async Task ShowProductListAsync(IPage page, string title)
    {
        await Nav(page).GetByRole(AriaRole.Link, new() { Name = "Products", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/products");
        var row = page.GetByTestId("products").Locator("tbody tr").Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("On sale");
        // Its lowest price now comes from the back grade.
        await Expect(row).ToContainTextAsync("₩30,000");
        await CloseSnackbarsAsync(page);
        await ScreenshotAsync(page, "issue3-admin-products.png");
    }

    // ---- Customer ----

    private async Task FindByTitleAsync(IPage page, string title, int productId)
    {
        await OpenInteractiveAsync(page, "/products");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Browse concerts, musicals and movies", Level = 1 })).ToBeVisibleAsync();
        var results = page.GetByTestId("results");
        await Expect(results.Locator(".product-card").First).ToBeVisibleAsync();

        await page.GetByLabel("Search by title").FillAsync(title);
        await Expect(page).ToHaveURLAsync(new Regex(@"/products\?q=E2E(%20|\+)Musical"));
        await Expect(results.Locator(".product-card")).ToHaveCountAsync(1);
        var card = results.Locator(".product-card");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync(Venue);
        await Expect(card).ToContainTextAsync("from ₩30,000");

        await card.GetByRole(AriaRole.Heading, new() { Name = title }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{App.BaseUrl}/products/{productId}");
    }

    private static async Task CheckRemainingSeatsAsync(IPage page, string title, string hallName)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("150 minutes")).ToBeVisibleAsync();
        await Expect(page.GetByText("Ages 12 and over")).ToBeVisibleAsync();

        var performances = page.GetByTestId("performances");
        await Expect(performances.Locator(".performance-row")).ToHaveCountAsync(1);
        await Expect(performances).ToContainTextAsync($"{Venue} · {hallName}");
        var chips = performances.Locator(".grade-chip");
        await Expect(chips).ToHaveCountAsync(2);
        await Expect(chips.Filter(new() { HasText = FrontGrade })).ToHaveTextAsync(new Regex(@"^\s*Front\s+₩50,000\s+12 left\s*$"));
        await Expect(chips.Filter(new() { HasText = BackGrade })).ToHaveTextAsync(new Regex(@"^\s*Back\s+₩30,000\s+5 left\s*$"));
        await ScreenshotAsync(page, "issue3-product.png");
    }

    private static async Task OpenSeatMapAsync(IPage page, string title, string hallName)
    {
        await page.GetByTestId("performances").GetByRole(AriaRole.Link, new() { Name = "Choose seats" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/performances/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var map = page.GetByRole(AriaRole.Group, new() { Name = $"Seat map of {hallName}" });
        await Expect(map.Locator("g.seat")).ToHaveCountAsync(17);
        await Expect(map.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Section {Section}, row [AB], seat \\d, {FrontGrade}, ₩50,000, available$") })).ToHaveCountAsync(12);
        await Expect(map.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Section {Section}, row C, seat \\d, {BackGrade}, ₩30,000, available$") })).ToHaveCountAsync(5);
        var legend = page.Locator(".seat-legend");
        await Expect(legend).ToContainTextAsync("12 left");
        await Expect(legend).ToContainTextAsync("5 left");
        await ScreenshotAsync(page, "issue3-seatmap.png");
    }

    // ---- Helpers ----

    /// <summary>
    /// Opens a page known to be interactive and waits for its circuit. The base class's
    /// GotoAsync/ReadyAsync can return before the circuit starts: once blazor.web.js has read the
    /// prerender markers there is no marker left and no socket yet, so the page looks static and
    /// the first input lands on prerendered HTML that the circuit then replaces.
    /// </summary>
    private static async Task OpenInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    private static ILocator Nav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

    /// <summary>Opens a MudSelect (a combobox named by its label) and picks one of its options.</summary>
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        var select = page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
        await select.ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Expect(item).ToBeHiddenAsync();
        await Expect(select).ToHaveTextAsync(option);
    }

    private static async Task SetGradeAsync(ILocator row, string name, long price)
    {
        var nameField = row.GetByLabel("Grade", new() { Exact = true });
        await nameField.FillAsync(name);
        await nameField.PressAsync("Tab");
        var priceField = row.GetByLabel("Price (KRW)");
        await priceField.FillAsync(price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await priceField.PressAsync("Tab");
        await Expect(priceField).ToHaveValueAsync(price.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static ILocator PickGrade(IPage page, string grade) =>
        page.GetByRole(AriaRole.Radio, new() { Name = $"Paint with {grade}", Exact = true });

    /// <summary>
    /// Closes the "saved" messages before a screenshot: they sit at the top right, over the page's
    /// own buttons, for several seconds. A script click, as one may close by itself meanwhile.
    /// </summary>
    private static async Task CloseSnackbarsAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('.mud-snackbar button').forEach(b => b.click())");
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
    }

    /// <summary>What a click on the painter's map paints: "Seat", "Whole row" or "Whole section" (checkable toggles).</summary>
    private static ILocator PaintTool(IPage page, string tool) =>
        page.GetByRole(AriaRole.Group, new() { Name = "What a click paints" }).GetByRole(AriaRole.Checkbox, new() { Name = tool, Exact = true });

    private static ILocator GradeCount(ILocator gradeRow) => gradeRow.GetByTestId("grade-count");

    /// <summary>A seat on the grade painter's map, by its label: "Stalls row A seat 4: Front".</summary>
    private static ILocator PaintedSeat(ILocator map, string row, int number, string grade) =>
        map.GetByRole(AriaRole.Button, new() { Name = $"{Section} row {row} seat {number}: {grade}", Exact = true });

    /// <summary>Presses on one seat, moves across the map to another and lets go: a rubber band.</summary>
    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        await from.ScrollIntoViewIfNeededAsync();
        await to.ScrollIntoViewIfNeededAsync();
        var start = await from.BoundingBoxAsync() ?? throw new InvalidOperationException("The seat to drag from is not on screen.");
        var end = await to.BoundingBoxAsync() ?? throw new InvalidOperationException("The seat to drag to is not on screen.");
        await page.Mouse.MoveAsync(start.X + (start.Width / 2), start.Y + (start.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(end.X + (end.Width / 2), end.Y + (end.Height / 2), new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"/(\d+)$")]
    private static partial Regex IdAtEnd();

    [GeneratedRegex(@"/admin/venues/\d+/halls/new$")]
    private static partial Regex NewHallUrl();

    [GeneratedRegex(@"/admin/halls/\d+$")]
    private static partial Regex SavedHallUrl();
}
