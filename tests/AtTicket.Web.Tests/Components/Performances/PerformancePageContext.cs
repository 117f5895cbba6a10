using Microsoft.Extensions.Time.Testing;
using System.Security.Claims;
using AngleSharp.Dom;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Components.Holds;
using AtTicket.Web.Components.Performances;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>
/// The demo data seeded once per test class into a SQLite file that only serves as a template: each test
/// gets a copy of its own (VACUUM INTO, milliseconds), so tests may hold, sell and release freely.
/// </summary>
public sealed class DemoDatabaseTemplate : IAsyncLifetime
{
    private readonly TemporaryDatabase _template = new();

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        PerformancePageContext.AddInfrastructureOn(services, _template.ConnectionString);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Xunit.TestContext.Current.CancellationToken);
        _template.AssertWasCreated();
    }

    /// <summary>A consistent copy of the seeded file, deleted when the returned database is disposed.</summary>
    public TemporaryDatabase Copy()
    {
        var copy = new TemporaryDatabase();
        using var connection = new SqliteConnection(_template.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.AddWithValue("$path", copy.FilePath);
        command.ExecuteNonQuery();
        return copy;
    }

    public ValueTask DisposeAsync()
    {
        _template.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A seat of a performance as the database has it, with its grade.</summary>
public sealed record SeatRow(int SeatId, string Section, string Row, int Number, int GradeId, string GradeName, long Price, string Color);

/// <summary>
/// bunit for the seat map page: MudBlazor, localization, the real services over a copy of the demo
/// database, a clock the test moves (registered as the app's TimeProvider), and a newly registered
/// customer signed in with their member id as the NameIdentifier claim, as the app's cookie has it.
/// </summary>
public abstract class PerformancePageContext : BunitContext, IAsyncLifetime
{
    /// <summary>The demo's first performance: Aurora Lights in the 1,024-seat Hanbit Concert Hall, on sale.</summary>
    public const int ConcertHallPerformance = 1;

    public const string Password = "Encore#2027";

    internal static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);

    private readonly TemporaryDatabase _database;
    private readonly BunitAuthorizationContext _authorization;

    protected PerformancePageContext(DemoDatabaseTemplate template)
    {
        _database = template.Copy();
        this.AddAppServices();
        AddInfrastructureOn(Services, _database.ConnectionString);
        Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        _authorization = AddAuthorization();
    }

    /// <summary>Real time when the test starts; it moves only with <see cref="FakeTimeProvider.Advance"/>.</summary>
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected string MemberId { get; private set; } = string.Empty;

    /// <summary>Who is signed in: the new customer after <see cref="InitializeAsync"/>; a test may sign them out.</summary>
    protected BunitAuthorizationContext Authorization => _authorization;

    protected static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    /// <summary>What the app registers for the database, bookings and Identity, on SQLite.</summary>
    internal static void AddInfrastructureOn(IServiceCollection services, string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Database"] = connectionString,
                ["Seed:DemoData"] = "true",

                // The simulated gateway waits on the app's TimeProvider, which the tests hold still.
                ["Payments:SimulatedLatencyMilliseconds"] = "0",
            })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddInfrastructure(configuration);
        services.AddSingleton<HeldShows>(); // the page names the shows a refused member holds seats for
        services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddUserManager<MemberManager>();
    }

    public virtual async ValueTask InitializeAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Cancellation);
        }

        _database.AssertWasCreated();
        var email = $"seatmap-{Guid.NewGuid():N}@example.com";
        MemberId = await NewCustomerAsync(email);
        _authorization.SetAuthorized(email).SetRoles(Roles.Customer).SetClaims(new Claim(ClaimTypes.NameIdentifier, MemberId));

        // The selects of the selection panel need the provider the main layout has.
        Render<MudPopoverProvider>();
    }

    /// <summary>A customer registered through the app's UserManager; returns the member id.</summary>
    protected async Task<string> NewCustomerAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = new Member { UserName = email, Email = email, DisplayName = "Seat Map Tester" };
        var created = await members.CreateAsync(member, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True(await members.IsInRoleAsync(member, Roles.Customer)); // every new member is a customer (MemberManager)
        return member.Id;
    }

    /// <summary>The page of a performance once its seats are drawn.</summary>
    protected IRenderedComponent<PerformancePage> RenderPage(int performanceId = ConcertHallPerformance)
    {
        var page = Render<PerformancePage>(p => p.Add(x => x.Id, performanceId));
        page.WaitForElement("g.seat[data-seat-id]", LoadLimit);
        return page;
    }

    protected static IElement Seat(IRenderedComponent<PerformancePage> page, int seatId) =>
        page.Find($"g.seat[data-seat-id='{seatId}']");

    protected static IReadOnlyList<string> ClassesOf(IRenderedComponent<PerformancePage> page, int seatId) =>
        [.. Seat(page, seatId).ClassList];

    protected static IElement Button(IRenderedComponent<PerformancePage> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>The page's warning alert (the notice), or null.</summary>
    protected static string? Notice(IRenderedComponent<PerformancePage> page) =>
        page.FindAll("[role=alert]").Select(a => a.TextContent.Trim()).SingleOrDefault();

    /// <summary>Chooses the seats by click and presses "Hold these seats"; the hold panel must appear.</summary>
    protected static async Task HoldAsync(IRenderedComponent<PerformancePage> page, IReadOnlyList<SeatRow> seats)
    {
        foreach (var seat in seats)
        {
            await Seat(page, seat.SeatId).ClickAsync(new MouseEventArgs());
        }

        await Button(page, "Hold these seats").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=hold-panel]")), LoadLimit);
    }

    /// <summary>Types a card into the checkout form; the expiry defaults to one that is years away.</summary>
    protected async Task FillCardAsync(IRenderedComponent<PerformancePage> page, string number, string? expiry = null, string cvc = "123", string name = "Kim Minji")
    {
        expiry ??= $"12/{(Clock.GetUtcNow().Year + 3) % 100:00}";
        foreach (var (field, value) in new[] { ("card-number", number), ("card-expiry", expiry), ("card-cvc", cvc), ("card-name", name) })
        {
            await page.Find($"input[data-testid={field}]").InputAsync(new ChangeEventArgs { Value = value });
        }
    }

    /// <summary>The validation message under a checkout field, or null.</summary>
    protected static string? ErrorUnder(IRenderedComponent<PerformancePage> page, string field)
    {
        var id = page.Find($"input[data-testid={field}]").GetAttribute("aria-describedby");
        return id is null ? null : page.FindAll($"[id='{id}']").SingleOrDefault()?.TextContent.Trim();
    }

    /// <summary>Every graded seat of the performance, in seat id order.</summary>
    protected async Task<IReadOnlyList<SeatRow>> SeatsAsync(int performanceId = ConcertHallPerformance)
    {
        await using var db = await ContextAsync();
        var rows = await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && s.GradeId != null)
            .Select(s => new SeatRow(s.SeatId, s.Seat!.Section, s.Seat.Row, s.Seat.Number, s.GradeId!.Value, s.Grade!.Name, s.Grade.Price, s.Grade.Color))
            .ToListAsync(Cancellation);
        return [.. rows.OrderBy(s => s.SeatId)];
    }

    /// <summary>Seats of one row of a section, left to right.</summary>
    protected async Task<IReadOnlyList<SeatRow>> RowAsync(string section, string row, int performanceId = ConcertHallPerformance) =>
        [.. (await SeatsAsync(performanceId)).Where(s => s.Section == section && s.Row == row).OrderBy(s => s.Number)];

    /// <summary>Someone else's hold on the seat, written straight into PerformanceSeats (HeldUntil is UTC ticks on SQLite).</summary>
    protected Task MarkHeldAsync(int seatId, DateTimeOffset until, int performanceId = ConcertHallPerformance) =>
        ExecuteAsync(
            $"UPDATE PerformanceSeats SET Status = 'Held', HoldId = {Guid.NewGuid().ToString().ToUpperInvariant()}, HeldUntil = {until.UtcTicks} WHERE PerformanceId = {performanceId} AND SeatId = {seatId} AND Status = 'Available'");

    /// <summary>What a confirmed booking leaves on the seat row.</summary>
    protected Task MarkSoldAsync(int seatId, int performanceId = ConcertHallPerformance) =>
        ExecuteAsync(
            $"UPDATE PerformanceSeats SET Status = 'Sold', HoldId = NULL, HeldUntil = NULL, BookingId = {Guid.NewGuid().ToString().ToUpperInvariant()} WHERE PerformanceId = {performanceId} AND SeatId = {seatId} AND Status = 'Available'");

    /// <summary>The seat's state in the database: status and, when held, by which hold.</summary>
    protected async Task<(SeatStatus Status, Guid? HoldId)> SeatStateAsync(int seatId, int performanceId = ConcertHallPerformance)
    {
        await using var db = await ContextAsync();
        var seat = await db.PerformanceSeats.AsNoTracking().SingleAsync(s => s.PerformanceId == performanceId && s.SeatId == seatId, Cancellation);
        return (seat.Status, seat.HoldId);
    }

    /// <summary>The holds of a member in the database.</summary>
    protected async Task<IReadOnlyList<AtTicket.Domain.Bookings.SeatHold>> HoldsOfAsync(string memberId)
    {
        await using var db = await ContextAsync();
        return await db.SeatHolds.AsNoTracking().Where(h => h.MemberId == memberId).ToListAsync(Cancellation);
    }

    protected Task<AtTicketDbContext> ContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);

    private async Task ExecuteAsync(FormattableString sql)
    {
        await using var db = await ContextAsync();
        Assert.Equal(1, await db.Database.ExecuteSqlInterpolatedAsync(sql, Cancellation));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database.Dispose();
    }
}
