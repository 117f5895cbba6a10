using System.Security.Claims;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Components.Admin.Bookings;
using AtTicket.Web.Tests.Components;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace AtTicket.Web.Tests.Admin.Bookings;

/// <summary>
/// bunit for the admin bookings page: a copy of the demo database per test, the real hold, checkout
/// and cancellation services (the simulated gateway without latency), a clock the test moves, and
/// the demo admin signed in with their member id as the NameIdentifier claim.
/// </summary>
public abstract class BookingPagesContext : BunitContext, IAsyncLifetime
{
    /// <summary>The demo's first performance: Aurora Lights in the Hanbit Concert Hall, on sale, in the future.</summary>
    protected const int Performance = 1;

    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);

    private readonly TemporaryDatabase _database;
    private readonly BunitAuthorizationContext _authorization;

    protected BookingPagesContext(DemoDatabaseTemplate template)
    {
        _database = template.Copy();
        this.AddAppServices();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Database"] = _database.ConnectionString,
                ["Seed:DemoData"] = "true",
                ["Payments:SimulatedLatencyMilliseconds"] = "0",

                // Paging needs more bookings than two members may normally make for one performance.
                ["Booking:MaxSeatsPerMemberPerPerformance"] = "100",
            })
            .Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddInfrastructure(configuration);
        Services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddUserManager<MemberManager>();
        Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        _authorization = AddAuthorization();
    }

    /// <summary>Real time when the test starts; it moves only with <see cref="FakeTimeProvider.Advance"/>.</summary>
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    protected SimulatedPaymentGateway Gateway => Services.GetRequiredService<SimulatedPaymentGateway>();

    public virtual async ValueTask InitializeAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Cancellation);
        }

        _database.AssertWasCreated();
        var adminId = await MemberIdAsync(DemoAccounts.Admin.Email);
        _authorization.SetAuthorized(DemoAccounts.Admin.Email).SetRoles(Roles.Admin).SetClaims(new Claim(ClaimTypes.NameIdentifier, adminId));
    }

    /// <summary>The page beside the popover, dialog and snackbar providers, as the layout has them, once its grid has loaded.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage(int performanceId = Performance)
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<PerformanceBookings>(3);
            builder.AddComponentParameter(4, nameof(PerformanceBookings.Id), performanceId);
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.True(
            page.FindAll("td .booking-number").Count > 0 || page.FindAll("[data-testid=empty]").Count > 0,
            "The bookings grid did not load."), LoadLimit);
        return page;
    }

    /// <summary>
    /// A demo member books the next free seats of the performance through the real hold and checkout,
    /// paying with the approved test card; the clock then moves a minute so bookings differ in time.
    /// </summary>
    protected async Task<Booking> BookAsync(string email, int seats = 1, int performanceId = Performance)
    {
        var memberId = await MemberIdAsync(email);
        var seatIds = await FreeSeatsAsync(performanceId, seats);
        var hold = await Services.GetRequiredService<HoldService>().HoldSeatsAsync(memberId, performanceId, seatIds, Cancellation);
        Assert.Equal(HoldOutcome.Held, hold.Outcome);
        var card = new CardDetails(SimulatedPaymentGateway.ApprovedCard, "12/39", "123", email);
        var confirmed = await Services.GetRequiredService<BookingService>().ConfirmAsync(memberId, hold.Hold!.Id, Guid.NewGuid().ToString(), card, Cancellation);
        Assert.Equal(ConfirmOutcome.Confirmed, confirmed.Outcome);
        Clock.Advance(TimeSpan.FromMinutes(1));
        return confirmed.Booking!;
    }

    protected async Task<Booking> FindBookingAsync(Guid id)
    {
        await using var db = await ContextAsync();
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, Cancellation);
    }

    /// <summary>The seats' status as the seat map reads it.</summary>
    protected async Task<IReadOnlyList<SeatStatus>> SeatStatusesAsync(Booking booking)
    {
        var seatIds = booking.Tickets.Select(t => t.SeatId).ToHashSet();
        var states = await Services.GetRequiredService<SeatAvailabilityReader>().GetSeatStatesAsync(booking.PerformanceId, Cancellation);
        return [.. states.Where(s => seatIds.Contains(s.SeatId)).Select(s => s.Status)];
    }

    protected async Task<DateTimeOffset> StartOfAsync(int performanceId = Performance)
    {
        await using var db = await ContextAsync();
        return await db.Performances.Where(p => p.Id == performanceId).Select(p => p.StartsAt).SingleAsync(Cancellation);
    }

    /// <summary>Waits for the element, then finds and clicks it in one go, so a re-render in between cannot stale it.</summary>
    protected static async Task ClickAsync(IRenderedComponent<ContainerFragment> page, string selector)
    {
        page.WaitForElement(selector);
        await page.InvokeAsync(() => page.Find(selector).Click());
    }

    protected static List<string> Numbers(IRenderedComponent<ContainerFragment> page) =>
        [.. page.FindAll("td .booking-number").Select(n => n.TextContent.Trim())];

    protected static List<string> Emails(IRenderedComponent<ContainerFragment> page) =>
        [.. page.FindAll("td .member-email").Select(n => n.TextContent.Trim())];

    protected static AngleSharp.Dom.IElement RowOf(IRenderedComponent<ContainerFragment> page, string number) =>
        page.FindAll("tr").Single(r => r.QuerySelector(".booking-number")?.TextContent.Trim() == number);

    private async Task<string> MemberIdAsync(string email)
    {
        await using var db = await ContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Cancellation);
    }

    private async Task<int[]> FreeSeatsAsync(int performanceId, int count)
    {
        await using var db = await ContextAsync();
        return await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && s.GradeId != null && s.Status == SeatStatus.Available)
            .OrderBy(s => s.SeatId)
            .Select(s => s.SeatId)
            .Take(count)
            .ToArrayAsync(Cancellation);
    }

    private Task<AtTicketDbContext> ContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database.Dispose();
    }
}
