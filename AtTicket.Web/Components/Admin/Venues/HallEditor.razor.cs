using AtTicket.Infrastructure.Venues;
using AtTicket.Web.Components.SeatMap;
using Microsoft.AspNetCore.Components.Routing;

namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>
/// The seat-map editor for a new hall (<see cref="VenueId"/>) or an existing one (<see cref="HallId"/>).
/// Editing happens on a <see cref="HallDraft"/>; only Save talks to the database.
/// </summary>
public partial class HallEditor(
    CatalogReader catalog, VenueAdminService venueAdmin, NavigationManager navigation, IDialogService dialogs, ISnackbar snackbar)
{
    private const string NormalFill = "#8e7cc3";
    private const string WheelchairFill = "#1565c0";
    private const string CompanionFill = "#00897b";

    private (int HallId, int VenueId)? _loaded;
    private HallDraft? _draft;
    private VenueView? _venue;
    private string _savedName = string.Empty;
    private bool _notFound;
    private bool _saving;
    private DraftError? _error;
    private IReadOnlyList<int> _lockedSeatIds = [];
    private string _wheelchairText = string.Empty;
    private string _companionText = string.Empty;
    private string _selectedText = string.Empty;

    /// <summary>Set on /admin/venues/{id}/halls/new.</summary>
    [Parameter]
    public int VenueId { get; set; }

    /// <summary>Set on /admin/halls/{id}.</summary>
    [Parameter]
    public int HallId { get; set; }

    private string Title => _draft?.HallId is null ? L["New hall"].Value : _savedName;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        // Both routes lead here: a value the current route does not set must not linger from the previous one.
        (VenueId, HallId) = (0, 0);
        return base.SetParametersAsync(parameters);
    }

    protected override void OnInitialized()
    {
        // Read once: the map asks for every seat's label on each render.
        _wheelchairText = L["Wheelchair space"].Value;
        _companionText = L["Companion seat"].Value;
        _selectedText = L["Selected"].Value;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (HallId, VenueId))
        {
            return;
        }

        _loaded = (HallId, VenueId);
        (_draft, _notFound, _error, _lockedSeatIds) = (null, false, null, []);
        if (HallId > 0)
        {
            var layout = await catalog.GetHallLayoutAsync(HallId);
            _draft = layout is null ? null : HallDraft.FromLayout(layout);
        }
        else
        {
            var venues = await catalog.GetVenuesAsync();
            _draft = venues.Any(v => v.Id == VenueId) ? HallDraft.ForNewHall(VenueId) : null;
        }

        _notFound = _draft is null;
        _savedName = _draft?.Name ?? string.Empty;
        _venue = _draft is null ? null : (await catalog.GetVenuesAsync()).FirstOrDefault(v => v.Id == _draft.VenueId);
    }

    private SeatPaint Paint(SeatView seat)
    {
        var selected = _draft!.Selection.Ids.Contains(seat.Id);
        var (fill, kind) = seat.Kind switch
        {
            SeatKind.Wheelchair => (WheelchairFill, _wheelchairText),
            SeatKind.Companion => (CompanionFill, _companionText),
            _ => (NormalFill, null),
        };
        var label = HallLayoutFile.SeatLabel(seat.Section, seat.Row, seat.Number);
        label = kind is null ? label : $"{label}, {kind}";
        // A selected seat's colour comes from the map's stylesheet (--seat-selected), the one the legend uses.
        return selected ? new SeatPaint(fill, "selected", $"{label}, {_selectedText}") : new SeatPaint(fill, null, label);
    }

    /// <summary>A plain click selects only that seat; with Shift or Ctrl it joins (or leaves) the selection.</summary>
    private void OnSeatPicked(SeatPick pick)
    {
        if (pick.Adds)
        {
            _draft!.Selection.Toggle(pick.Seat.Id);
        }
        else
        {
            _draft!.Selection.Only(pick.Seat.Id);
        }
    }

    private void OnAreaSelected(IReadOnlyList<SeatView> seats) => _draft!.Selection.Add(seats.Select(s => s.Id));

    private void Undo() => _draft!.Undo();

    private void RestoreLockedSeats()
    {
        var restored = _draft!.RestoreSavedSeats(_lockedSeatIds);
        _lockedSeatIds = [];
        snackbar.Add(L.Count(restored, "{0} seat is back in the draft.", "{0} seats are back in the draft."), Severity.Info);
    }

    private async Task SaveAsync()
    {
        var draft = _draft!;
        _error = draft.CheckName() ?? CheckUniqueName(draft)
            ?? (Hall.SizeOf(draft.SeatCount) == HallSize.Empty ? new DraftError("Add at least one seat before saving.") : null);
        if (_error is not null)
        {
            return;
        }

        _saving = true;
        try
        {
            if (draft.HallId is { } hallId)
            {
                await SaveExistingAsync(hallId, draft);
            }
            else
            {
                await CreateAsync(draft);
            }
        }
        catch (DomainException exception)
        {
            _error = DraftError.Of(exception);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task CreateAsync(HallDraft draft)
    {
        var hallId = await venueAdmin.CreateHallAsync(draft.VenueId, draft.ToDocument());
        if (hallId is null)
        {
            _error = new DraftError("The venue no longer exists.");
            return;
        }

        draft.MarkSaved();
        snackbar.Add(L["Hall {0} created with {1:N0} seats.", draft.Name.Trim(), draft.SeatCount], Severity.Success);
        navigation.NavigateTo($"/admin/halls/{hallId}", replace: true);
    }

    private async Task SaveExistingAsync(int hallId, HallDraft draft)
    {
        var result = await venueAdmin.SaveHallAsync(hallId, draft.ToDocument());
        switch (result.Outcome)
        {
            case ChangeOutcome.SeatsLocked:
                // Nothing was saved; the draft stays as it is so the admin can put the seats back or rethink.
                _lockedSeatIds = result.LockedSeatIds;
                break;
            case ChangeOutcome.NotFound:
                _error = new DraftError("This hall no longer exists.");
                break;
            default:
                _lockedSeatIds = [];
                var layout = await catalog.GetHallLayoutAsync(hallId);
                _draft = layout is null ? draft : HallDraft.FromLayout(layout);
                _savedName = _draft.Name;
                snackbar.Add(L["Hall saved: {0:N0} seats.", _draft.SeatCount], Severity.Success);
                break;
        }
    }

    private DraftError? CheckUniqueName(HallDraft draft)
    {
        var name = draft.Name.Trim();
        var clash = _venue?.Halls.Any(h => h.Id != draft.HallId && string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)) == true;
        return clash ? new DraftError("This venue already has a hall named {0}.", name) : null;
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (_draft?.IsDirty != true)
        {
            return;
        }

        var leave = await dialogs.ConfirmAsync(
            L["Leave without saving?"],
            L["Your changes to this hall's seat map are not saved yet."],
            yes: L["Leave"],
            cancel: L["Stay"]);
        if (!leave)
        {
            context.PreventNavigation();
        }
    }
}
