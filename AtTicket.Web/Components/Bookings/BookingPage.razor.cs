using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace AtTicket.Web.Components.Bookings;

/// <summary>One booking with its tickets' QR codes, for its member (or an admin); cancellable until the performance starts.</summary>
public partial class BookingPage(
    BookingReader bookings, BookingCancellation cancellation, TimeProvider time, IDialogService dialogs, ISnackbar snackbar, IJSRuntime js)
{
    private BookingView? _booking;
    private bool _loaded;
    private bool _cancelling;
    private ClaimsPrincipal _user = new();

    [Parameter]
    public Guid Id { get; set; }

    /// <summary>1 right after checkout: the page opens with the confirmation.</summary>
    [SupplyParameterFromQuery(Name = "new")]
    public string? NewQuery { get; set; }

    private bool New => NewQuery == "1";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string MemberId => _user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    private bool AsAdmin => _user.IsInRole(Roles.Admin);

    private bool IsVoid => _booking?.Status is BookingStatus.Cancelled or BookingStatus.Refunded;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new(L["My bookings"], "/bookings"),
        new(_booking!.Number, null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        // Another member's booking reads as missing: the page does not tell which bookings exist.
        _booking = MemberId.Length == 0 && !AsAdmin ? null : await bookings.FindAsync(Id, MemberId, AsAdmin);
        _loaded = true;
    }

    private async Task CancelAsync()
    {
        var booking = _booking!;
        var seats = booking.Tickets.Count;
        var confirmed = await dialogs.ConfirmAsync(
            L["Cancel this booking?"],
            seats == 1
                ? L["Cancel booking {0}? Your seat will be released and {1} refunded to your card.", booking.Number, Formats.Krw(booking.Total)]
                : L["Cancel booking {0}? Your {1} seats will be released and {2} refunded to your card.", booking.Number, seats, Formats.Krw(booking.Total)],
            yes: L["Cancel booking"],
            cancel: L["Keep booking"]);
        if (!confirmed)
        {
            return;
        }

        _cancelling = true;
        try
        {
            var result = await cancellation.CancelAsync(booking.Id, MemberId, AsAdmin);
            snackbar.Add(L.Localize(result), result.Outcome == CancelOutcome.Cancelled ? Severity.Success : Severity.Warning);
        }
        finally
        {
            _cancelling = false;
            await LoadAsync();
        }
    }

    private async Task PrintAsync() => await js.InvokeVoidAsync("print");
}
