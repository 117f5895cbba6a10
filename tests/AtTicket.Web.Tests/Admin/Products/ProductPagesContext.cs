using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Venues;
using AtTicket.Web.Components.Admin.Products;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Admin.Products;

/// <summary>
/// The admin context plus the product pages rendered beside their providers, and product data helpers.
/// </summary>
public abstract class ProductPagesContext : AdminPagesContext
{
    protected ProductAdminService Products => Services.GetRequiredService<ProductAdminService>();

    /// <summary>The list page beside the popover and dialog providers, as the layout has them, so selects and dialogs show in its markup.</summary>
    protected IRenderedComponent<ContainerFragment> RenderProductList() => RenderWithProviders<ProductList>(null);

    protected IRenderedComponent<ContainerFragment> RenderProductEditor(int? id = null) => RenderWithProviders<ProductEditor>(id);

    private IRenderedComponent<ContainerFragment> RenderWithProviders<TPage>(int? id)
        where TPage : IComponent => Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(2);
            if (id is not null)
            {
                builder.AddComponentParameter(3, nameof(ProductEditor.Id), id);
            }

            builder.CloseComponent();
        });

    /// <summary>Waits for the element, then finds and clicks it in one go, so a re-render in between cannot stale it.</summary>
    protected static async Task ClickAsync(IRenderedComponent<ContainerFragment> page, string selector)
    {
        page.WaitForElement(selector);
        await page.InvokeAsync(() => page.Find(selector).Click());
    }

    /// <summary>Opens a MudSelect and picks the item with that text from its popover.</summary>
    protected static async Task ChooseAsync(IRenderedComponent<ContainerFragment> page, string selectSelector, string itemText)
    {
        await page.InvokeAsync(() => page.Find(selectSelector).MouseDown());
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-popover .mud-list-item"), i => i.TextContent.Trim() == itemText));
        await page.InvokeAsync(() => page.FindAll(".mud-popover .mud-list-item").First(i => i.TextContent.Trim() == itemText).Click());
    }

    protected async Task<int> AddProductAsync(
        string title,
        ProductCategory category = ProductCategory.Concert,
        ProductStatus status = ProductStatus.Draft)
    {
        var start = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(9));
        return await Products.CreateAsync(new ProductInput(new(title, category, "", 120, "All", start, start.AddDays(30)), status, null));
    }

    protected async Task<Product?> FindProductAsync(string title)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync();
        return await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Title == title);
    }

    protected async Task<int> CountProductsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync();
        return await db.Products.CountAsync();
    }

    /// <summary>Gives the product a performance in a one-seat hall and a booking for that seat.</summary>
    protected async Task AddBookingAsync(int productId)
    {
        var venues = Services.GetRequiredService<VenueAdminService>();
        var venueId = await venues.CreateVenueAsync("Test Hall Venue", "1 Test Street, Seoul");
        var layout = new HallLayoutDocument("Main", [new SectionDocument("A", [new RowDocument("1", [new SeatDocument(null, 1, 0, 0)])])]);
        var hallId = await venues.CreateHallAsync(venueId, layout) ?? throw new InvalidOperationException("The venue vanished.");

        await using var db = await Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync();
        var seatId = await db.Seats.Where(s => s.HallId == hallId).Select(s => s.Id).SingleAsync();
        var performances = Services.GetRequiredService<PerformanceAdminService>();
        var performanceIds = await performances.ScheduleAsync(
            productId,
            hallId,
            [DateTimeOffset.UtcNow.AddDays(10)],
            [new GradeSeats(null, "R", 90_000, "#e53935", [seatId])],
            requireEverySeat: true);
        var performanceId = performanceIds!.Single();

        await using var scope = Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = new Member { UserName = "booker@atticket.test", Email = "booker@atticket.test", DisplayName = "Booker" };
        var created = await members.CreateAsync(member, "Booker!2345");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));

        db.Bookings.Add(new Booking(
            Guid.NewGuid(),
            "AT-TEST-0001",
            member.Id,
            performanceId,
            Guid.NewGuid(),
            "test-booking",
            [new BookedSeat(seatId, "R", 90_000)],
            DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }
}
