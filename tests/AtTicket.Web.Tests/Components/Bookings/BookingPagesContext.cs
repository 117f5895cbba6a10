using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Components.Bookings;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>
/// The seat map page's context (demo data copy, test clock, a signed-in customer) plus the dialog and
/// snackbar providers the layout has, and bookings made the way checkout makes them.
/// </summary>
public abstract class BookingPagesContext(DemoDatabaseTemplate template) : PerformancePageContext(template)
{
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    protected SimulatedPaymentGateway Gateway => Services.GetRequiredService<SimulatedPaymentGateway>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    /// <summary>Holds the seats and pays with the approved test card: a confirmed booking, as checkout leaves it.</summary>
    protected async Task<Booking> BookAsync(IReadOnlyList<SeatRow> seats, int performanceId = ConcertHallPerformance, string? memberId = null)
    {
        memberId ??= MemberId;
        var hold = await Services.GetRequiredService<HoldService>().HoldSeatsAsync(memberId, performanceId, [.. seats.Select(s => s.SeatId)], Cancellation);
        Assert.Equal(HoldOutcome.Held, hold.Outcome);
        var card = new CardDetails("4242 4242 4242 4242", $"12/{(Clock.GetUtcNow().Year + 3) % 100:00}", "123", "Kim Minji");
        var result = await Services.GetRequiredService<BookingService>().ConfirmAsync(memberId, hold.Hold!.Id, Guid.NewGuid().ToString(), card, Cancellation);
        Assert.Equal(ConfirmOutcome.Confirmed, result.Outcome);
        return result.Booking!;
    }

    /// <summary>The booking page as checkout opens it (<paramref name="isNew"/>) or as a link later does.</summary>
    protected IRenderedComponent<BookingPage> RenderBookingPage(Guid bookingId, bool isNew = false)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/bookings/{bookingId}" + (isNew ? "?new=1" : string.Empty));
        var page = Render<BookingPage>(p => p.Add(x => x.Id, bookingId));
        page.WaitForElement("[data-testid=booking-number], [data-testid=booking-not-found]", LoadLimit);
        return page;
    }

    protected async Task<Booking> BookingAsync(Guid id)
    {
        await using var db = await ContextAsync();
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, Cancellation);
    }

    /// <summary>An on-sale performance of another product than the concert hall's first one, with its seats.</summary>
    protected async Task<(int PerformanceId, string Title, IReadOnlyList<SeatRow> Seats)> OtherPerformanceAsync()
    {
        await using var db = await ContextAsync();
        var first = await db.Performances.AsNoTracking().SingleAsync(p => p.Id == ConcertHallPerformance, Cancellation);
        var other = await db.Performances.AsNoTracking()
            .Where(p => p.ProductId != first.ProductId && p.Status == PerformanceStatus.OnSale && p.Product!.Status == ProductStatus.OnSale)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Product!.Title })
            .FirstAsync(Cancellation);
        return (other.Id, other.Title, await SeatsAsync(other.Id));
    }
}
