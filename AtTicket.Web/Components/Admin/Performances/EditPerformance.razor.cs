namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>
/// Repaints a performance's grades and moves its start time. Held and sold seats are locked in the
/// painter; if some sold while the page was open, the service refuses and the page shows which.
/// </summary>
public partial class EditPerformance(
    CatalogReader catalog, SeatAvailabilityReader seatStates, PerformanceAdminService performances, ISnackbar snackbar)
{
    private PerformanceView? _performance;
    private GradePainter? _painter;
    private DateTime? _date;
    private TimeSpan? _time;
    private bool _missing;
    private bool _busy;
    private string? _error;
    private string? _lockedMessage;
    private ProductStatus? _productStatus;

    [Parameter]
    public int Id { get; set; }

    private int Unassigned => _painter?.UnassignedCount ?? 0;

    private string? SaveBlocker =>
        _performance?.Status == PerformanceStatus.Cancelled ? L["A cancelled performance cannot be changed."].Value
        : _date is null || _time is null ? L["Choose a date and a time."].Value
        : _painter?.Problem is { } problem ? L[problem].Value
        : _performance?.Status == PerformanceStatus.OnSale && Unassigned > 0
            ? L.Count(Unassigned, "A performance on sale needs a grade for every seat: {0} seat has none.", "A performance on sale needs a grade for every seat: {0} seats have none.").Value
        : null;

    private string? SaleBlocker => SaveBlocker ?? SaleReadiness.Blocker(L, Unassigned, _productStatus);

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _performance = await catalog.GetPerformanceAsync(Id, includeUnpublished: true);
        var layout = _performance is null ? null : await catalog.GetHallLayoutAsync(_performance.Hall.Id);
        _missing = _performance is null || layout is null;
        if (_performance is null || layout is null)
        {
            return;
        }

        _productStatus = (await catalog.GetProductAsync(_performance.ProductId, includeUnpublished: true))?.Summary.Status;
        var states = await seatStates.GetSeatStatesAsync(Id);
        _painter = GradePainter.ForPerformance(layout.Seats, _performance.Grades, states);
        var local = _performance.StartsAt.ToOffset(Formats.Kst);
        _date = local.Date;
        _time = local.TimeOfDay;
    }

    private async Task SaveAsync(bool putOnSale)
    {
        _busy = true;
        _error = null;
        _lockedMessage = null;
        try
        {
            var startsAt = new DateTimeOffset(DateTime.SpecifyKind(_date!.Value.Date + _time!.Value, DateTimeKind.Unspecified), Formats.Kst);
            var result = await performances.UpdateAsync(Id, startsAt, _painter!.ToPlan());
            if (result.Outcome == ChangeOutcome.SeatsLocked)
            {
                await ShowLockedAsync(result.LockedSeatIds);
                return;
            }

            if (result.Outcome == ChangeOutcome.NotFound)
            {
                _missing = true;
                return;
            }

            if (putOnSale)
            {
                await performances.PutOnSaleAsync(Id);
            }

            snackbar.Add(putOnSale ? L["Saved; the performance is on sale."] : L["Saved."], Severity.Success);
            await LoadAsync();
        }
        catch (DomainException e)
        {
            _error = L.Localize(e);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Seats sold or held since the page loaded: name them, give them their saved grade back and lock them.</summary>
    private async Task ShowLockedAsync(IReadOnlyList<int> seatIds)
    {
        _painter!.ApplyLocks(await seatStates.GetSeatStatesAsync(Id));
        var names = _painter.Seats.Where(s => seatIds.Contains(s.Id))
            .Select(s => L["{0} row {1} seat {2}", s.Section, s.Row, s.Number].Value)
            .ToList();
        var shown = string.Join(", ", names.Take(12)) + (names.Count > 12 ? ", …" : string.Empty);
        _lockedMessage = L["Nothing was saved: these seats were held or sold meanwhile and must keep their grade: {0}. They are locked now; save again.", shown];
    }
}
