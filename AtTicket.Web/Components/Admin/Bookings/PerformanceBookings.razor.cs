using Microsoft.AspNetCore.Components.Authorization;

namespace AtTicket.Web.Components.Admin.Bookings;

/// <summary>A performance's bookings, a page at a time, searchable by number or email; an admin can cancel one with a refund.</summary>
public partial class PerformanceBookings(
    CatalogReader catalog, SalesReader sales, BookingReader bookings, TimeProvider time, IDialogService dialogs, ISnackbar snackbar)
{
    private MudDataGrid<BookingRow> _grid = default!;
    private PerformanceView? _performance;
    private PerformanceSales? _sales;
    private string? _search;
    private bool _missing;

    [Parameter]
    public int Id { get; set; }

    /// <summary>Set by the search across all performances, so the list opens on the booking found there.</summary>
    [SupplyParameterFromQuery(Name = "search")]
    public string? InitialSearch { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override void OnInitialized() => _search = DataGridPaging.SearchTerm(InitialSearch);

    protected override async Task OnParametersSetAsync()
    {
        _performance = await catalog.GetPerformanceAsync(Id, includeUnpublished: true);
        _missing = _performance is null;
        _sales = _missing ? null : await sales.GetAsync(Id);
    }

    private async Task<GridData<BookingRow>> LoadAsync(GridState<BookingRow> state, CancellationToken cancellationToken)
    {
        var page = await bookings.ListForPerformanceAsync(Id, _search, state.Page + 1, state.PageSize, cancellationToken);
        return new GridData<BookingRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    /// <summary>Confirmed, and the performance has not started: what the cancellation itself checks again.</summary>
    private bool CanCancel(BookingRow row) => row.Status == BookingStatus.Confirmed && time.GetUtcNow() < _performance!.StartsAt;

    private Task SearchChanged(string? search)
    {
        _search = DataGridPaging.SearchTerm(search);
        return _grid.ReloadFromFirstPageAsync();
    }

    private Task ClearSearchAsync()
    {
        _search = null;
        return _grid.ReloadFromFirstPageAsync();
    }

    private async Task ShowDetailsAsync(BookingRow row)
    {
        var parameters = new DialogParameters<BookingDetailsDialog>
        {
            { d => d.Row, row },
            { d => d.AdminId, await AdminIdAsync() },
            { d => d.CanCancel, CanCancel(row) },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true };
        var dialog = await dialogs.ShowAsync<BookingDetailsDialog>(L["Booking {0}", row.Number], parameters, options);
        if (await dialog.Result is { Canceled: false })
        {
            await ConfirmCancelAsync(row);
        }
    }

    private async Task ConfirmCancelAsync(BookingRow row)
    {
        var parameters = new DialogParameters<CancelBookingDialog>
        {
            { d => d.Booking, row },
            { d => d.AdminId, await AdminIdAsync() },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<CancelBookingDialog>(L["Cancel booking"], parameters, options);
        if (await dialog.Result is not { Canceled: false, Data: CancelResult result })
        {
            return;
        }

        var severity = result switch
        {
            { Outcome: CancelOutcome.Cancelled, RefundStillOwed: false } => Severity.Success,
            { Outcome: CancelOutcome.Cancelled } => Severity.Warning,
            _ => Severity.Error,
        };
        snackbar.Add(L["Booking {0}: {1}", row.Number, L.Localize(result)], severity);
        _sales = await sales.GetAsync(Id);
        await _grid.ReloadServerData();
    }

    private async Task<string> AdminIdAsync() =>
        (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
}
