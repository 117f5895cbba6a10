using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;
using AtTicket.Web.Components.Holds;
using AtTicket.Web.Components.SeatMap;
using Microsoft.AspNetCore.Components.Authorization;

namespace AtTicket.Web.Components.Performances;

/// <summary>The seat map of one performance: pick seats (or let the system pick), hold them, pay before the hold runs down.</summary>
public partial class PerformancePage(
    CatalogReader catalog, HoldService holds, HoldViewReader holdViews, HeldShows heldShows, BookingLimits limits,
    LiveSnapshotReader snapshots, SeatFeed feed, WaitingLines lines, IWaitingRoom room, TimeProvider time,
    NavigationManager navigation, IDialogService dialogs, ILogger<PerformancePage> logger)
{
    private PerformanceView? _performance;
    private HallLayout? _layout;
    private BuyerSelection? _selection;
    private Dictionary<int, GradeView> _grades = [];
    private IReadOnlyList<GradeAvailability> _remaining = [];
    private HoldView? _hold;
    private string? _notice;
    private string? _selectionAnnouncement;
    private string? _holdAnnouncement;
    private IReadOnlyList<HeldShow> _heldElsewhere = [];
    private bool _busy;
    private ClaimsPrincipal _user = new();

    [Parameter]
    public int Id { get; set; }

    /// <summary>Seats a guest chose before logging in, to hold on arrival (<see cref="SeatChoice"/>).</summary>
    [SupplyParameterFromQuery(Name = SeatChoice.QueryKey)]
    public string? SeatsToHold { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private BuyerSelection Selection => _selection!;

    private ElementReference _checkout;

    private string? MemberId => _user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>A film is shown on a screen; concerts and musicals play on a stage.</summary>
    private string StageLabel => _performance!.ProductCategory == ProductCategory.Movie ? L["SCREEN"] : L["STAGE"];

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new(L["Browse"], "/products"),
        new(_performance!.DisplayProductTitle, $"/products/{_performance.ProductId}"),
        new(L["Seats"], null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        if (!await PassLineAsync())
        {
            return;
        }

        _performance = await catalog.GetPerformanceAsync(Id, includeUnpublished: _user.IsInRole(Roles.Admin));
        _layout = _performance is null ? null : await catalog.GetHallLayoutAsync(_performance.Hall.Id);
        if (_performance is null || _layout is null)
        {
            navigation.NotFound();
            return;
        }

        _grades = _performance.Grades.ToDictionary(g => g.Id);
        _selection ??= new BuyerSelection(limits.MaxSeatsPerBooking);
        // A member who comes back (reload, another tab) finds the seats they hold, with checkout.
        _hold = MemberId is { } memberId ? await holdViews.FindLiveAsync(memberId, Id) : null;
        Listen(await ReloadSeatsAsync());
        await HoldReturningChoiceAsync();
    }

    /// <summary>
    /// A guest who chose seats and pressed Hold comes back from login (or registration) with them in
    /// the URL: they are held at once. Only the circuit holds: the prerender before it only shows them picked.
    /// </summary>
    private async Task HoldReturningChoiceAsync()
    {
        var chosen = Selection.Sellable(SeatChoice.Parse(SeatsToHold, limits.MaxSeatsPerBooking));
        if (chosen.Count == 0 || _hold is not null)
        {
            return;
        }

        var holdNow = MemberId is not null && RendererInfo.IsInteractive;
        Selection.Replace(chosen, availableOnly: !holdNow);
        if (!holdNow)
        {
            return;
        }

        await HoldAsync(memberId => holds.HoldSeatsAsync(memberId, Id, chosen), chosen, returning: true);

        // Used once: a reload or a bookmark of this address must not hold the seats again.
        navigation.NavigateTo($"/performances/{Id}", replace: true);
    }

    /// <summary>Reads every seat afresh; returns the live sequence the seats include.</summary>
    private async Task<long> ReloadSeatsAsync()
    {
        // From this node's live state: the seats, the remaining seats and the number they include, together.
        var snapshot = await snapshots.ReadAsync(Id);
        var sequence = snapshot.Sequence;
        Selection.Load(_grades, _layout!.Seats, snapshot.Seats);
        _kinds = Selection.Seats.Select(s => s.Kind).ToHashSet();
        _remaining = snapshot.Grades;
        if (_live is { } live && live.Sequence > sequence)
        {
            // Changes were applied while the seats were read; the rows read may be older than they
            // are. Let the subscription read them again, between its batches.
            await live.OnResyncAsync();
        }
        else
        {
            _live?.SkipTo(sequence);
        }

        return sequence;
    }

    private async Task ToggleSeatAsync(SeatView seat)
    {
        _notice = null;
        _heldElsewhere = [];
        _justTaken.Clear();
        switch (Selection.Toggle(seat, holding: _hold is not null))
        {
            case SelectionChange.HoldFirst:
                _notice = L["Release your held seats before choosing others."];
                break;
            case SelectionChange.NotAvailable:
                _notice = L["Seat {0} is not available.", Label(seat)];
                break;
            case SelectionChange.LimitReached:
                _notice = L["You can book at most {0} seats at a time.", limits.MaxSeatsPerBooking];
                break;
            case SelectionChange.ConfirmWheelchair when await ConfirmWheelchairSpaceAsync(seat):
                Selection.Add(seat);
                break;
        }

        AnnounceSelection();
    }

    private void ClearSelection()
    {
        Selection.Clear();
        AnnounceSelection();
    }

    /// <summary>Tells a screen reader what the selection now adds up to ("2 seats selected, total ₩132,000").</summary>
    private void AnnounceSelection()
    {
        var seats = Selection.Picked;
        var total = Formats.Krw(seats.Sum(s => s.Grade.Price));
        _selectionAnnouncement = seats.Count switch
        {
            0 => L["No seats selected."],
            1 => L["1 seat selected, total {0}.", total],
            _ => L["{0} seats selected, total {1}.", seats.Count, total],
        };
    }

    private Task HoldSelectionAsync() => HoldAsync(memberId => holds.HoldSeatsAsync(memberId, Id, [.. Selection.PickedIds]), [.. Selection.PickedIds]);

    private Task HoldBestAsync(BestAvailableChoice choice) =>
        HoldAsync(memberId => holds.HoldBestAvailableAsync(memberId, Id, choice.GradeId, choice.Quantity, choice.IncludeAccessible), []);

    /// <param name="chosen">The seats a guest is sent to log in with, to be held on their return.</param>
    /// <param name="returning">Whether the member just came back from logging in with these seats.</param>
    private async Task HoldAsync(Func<string, Task<HoldResult>> hold, IReadOnlyCollection<int> chosen, bool returning = false)
    {
        if (MemberId is not { } memberId)
        {
            var returnUrl = SeatChoice.ReturnUrl(Id, chosen);
            navigation.NavigateTo($"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
            return;
        }

        _busy = true;
        _notice = null;
        _heldElsewhere = [];
        try
        {
            var result = await hold(memberId);
            if (result.Outcome == HoldOutcome.Held)
            {
                _hold = await holdViews.DescribeAsync(result.Hold!);
                Selection.Clear();
            }
            else if (result.Outcome == HoldOutcome.SeatsTaken)
            {
                var taken = string.Join(", ", result.TakenSeatIds.Select(id => Label(Selection.Seat(id))));
                _notice = result.TakenSeatIds.Count == 0
                    ? L["Not enough seats are left together in this grade."]
                    : returning && result.TakenSeatIds.Count < chosen.Count
                        ? L["Taken while you were logging in: {0}. Nothing was held; your other seats are still selected.", taken]
                        : L["Just taken by someone else: {0}. Nothing was held; choose again.", taken];
            }
            else if (!await NameHeldShowsAsync(memberId))
            {
                _notice = L.Localize(result);
            }
        }
        catch (DomainException exception)
        {
            if (!await NameHeldShowsAsync(memberId))
            {
                _notice = L.Localize(exception);
            }
        }
        catch (Exception exception)
        {
            // A database that timed out must not end the member's circuit in the middle of a sale.
            logger.LogError(exception, "Holding seats of performance {PerformanceId} failed", Id);
            _notice = L["We could not hold those seats just now. Please try again."];
        }
        finally
        {
            _busy = false;
            await RefreshSeatsAsync();
        }
    }

    /// <summary>
    /// After a refusal: when the member already holds as many bookings' seats as allowed, the refusal
    /// names and links those shows (the rule alone does not say where the seats are held).
    /// </summary>
    private async Task<bool> NameHeldShowsAsync(string memberId)
    {
        try
        {
            var held = await heldShows.ListAsync(memberId);
            _heldElsewhere = held.Count >= limits.MaxActiveHoldsPerMember ? held : [];
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Reading the holds of member {MemberId} failed", memberId);
            _heldElsewhere = [];
        }

        return _heldElsewhere.Count > 0;
    }

    /// <summary>Reads the seats again after the member's own change; a failure leaves the live feed to catch up.</summary>
    private async Task RefreshSeatsAsync()
    {
        try
        {
            await ReloadSeatsAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Reading the seats of performance {PerformanceId} again failed", Id);
            if (_live is not null)
            {
                await _live.OnResyncAsync();
            }
        }
    }

    private async Task OnHoldEndedAsync(bool expired)
    {
        if (!expired && _hold is not null && MemberId is { } memberId)
        {
            await holds.ReleaseAsync(_hold.Id, memberId);
        }

        _notice = expired ? L["Your hold has expired and the seats were released."].Value : null;
        _holdAnnouncement = _notice;
        _hold = null;
        await RefreshSeatsAsync();
    }

    /// <summary>Checkout found the hold expired or gone: say so and go back to choosing seats.</summary>
    private async Task OnHoldLostAsync(string notice)
    {
        _notice = notice;
        _holdAnnouncement = _notice;
        _hold = null;
        await RefreshSeatsAsync();
    }

    /// <summary>A seat anyone could still pick: the overview of sections counts these.</summary>
    private bool IsFree(SeatView seat) => Selection.IsFree(seat.Id);

    /// <summary>The phone's bar leads to the checkout form below the map: focusing its anchor scrolls it into view.</summary>
    private async Task GoToCheckoutAsync() => await _checkout.FocusAsync();

    private static string Label(SeatView seat) => $"{seat.DisplaySection} {seat.Row}-{seat.Number}";

    private SeatPaint PaintSeat(SeatView seat)
    {
        var state = Selection.StateOf(seat.Id);
        var grade = state.GradeId is { } gradeId ? _grades.GetValueOrDefault(gradeId) : null;
        var mine = _hold?.Seats.Any(s => s.Id == seat.Id) == true;
        var selected = Selection.IsPicked(seat.Id);
        string status = mine ? L["held by you"] : selected ? L["selected by you"] : state.Status switch
        {
            SeatStatus.Available => L["available"],
            SeatStatus.Held => L["on hold"],
            _ => L["already sold"],
        };
        if (PlaceName(seat) is { } place)
        {
            status = $"{place}, {status}";
        }

        var label = grade is null
            ? L["Section {0}, row {1}, seat {2}, {3}", seat.DisplaySection, seat.Row, seat.Number, status]
            : L["Section {0}, row {1}, seat {2}, {3}, {4}, {5}", seat.DisplaySection, seat.Row, seat.Number, grade.Name, Formats.Krw(grade.Price), status];
        var css = mine ? "mine" : selected ? "selected" : state.Status switch
        {
            SeatStatus.Held => "held",
            SeatStatus.Sold => "sold",
            _ => null,
        };
        if (_justTaken.Contains(seat.Id))
        {
            css += " just-taken";
        }

        return new SeatPaint(grade?.Color ?? "#bdbdbd", css, label);
    }
}

/// <summary>A seat the member has picked, with the grade it is sold in.</summary>
public sealed record SelectedSeat(SeatView Seat, GradeView Grade);
