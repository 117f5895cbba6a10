using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace AtTicket.Web.Components.SeatMap;

/// <summary>
/// Draws a hall's seats as SVG. The parent decides each seat's look (<see cref="Paint"/>) and what a
/// click or a dragged rectangle means; this component only draws and reports.
/// </summary>
public partial class SeatMapView
{
    /// <summary>How wide the map is drawn, in multiples of the viewport's width.</summary>
    private static readonly double[] ZoomLevels = [1, 1.5, 2, 3, 4];

    private ElementReference _svg;
    private ElementReference _viewport;
    private ElementReference? _scriptedSvg;
    private IJSObjectReference? _module;
    private DotNetObjectReference<SeatMapView>? _self;
    private Bounds _bounds;
    private Bounds _hallBounds;
    private readonly Dictionary<string, ElementReference> _sectionBlocks = [];
    private List<Label> _sectionLabels = [];
    private List<Label> _rowLabels = [];
    private IReadOnlyList<SeatView>? _measuredSeats;
    private bool _measuredFocusable;
    private Dictionary<int, SeatWiring> _wiring = [];
    private int? _firstSeatId;
    private int? _activeSeatId;
    private int _zoomStep;
    private MudIconButton? _zoomInButton;
    private MudIconButton? _zoomOutButton;
    private MudIconButton? _focusAfterRender;

    [Parameter, EditorRequired]
    public IReadOnlyList<SeatView> Seats { get; set; } = [];

    [Parameter, EditorRequired]
    public Func<SeatView, SeatPaint> Paint { get; set; } = default!;

    [Parameter]
    public EventCallback<SeatView> SeatClicked { get; set; }

    /// <summary>Instead of <see cref="SeatClicked"/>: a click or Enter that also says whether it adds to a selection (Shift, Ctrl or Cmd held).</summary>
    [Parameter]
    public EventCallback<SeatPick> SeatPicked { get; set; }

    /// <summary>When set, dragging on the map selects every seat inside the rectangle.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<SeatView>> SelectArea { get; set; }

    [Parameter]
    public bool ShowStage { get; set; } = true;

    /// <summary>What the front of the hall is called (a cinema's "SCREEN"); "STAGE" when not given.</summary>
    [Parameter]
    public string? StageLabel { get; set; }

    [Parameter]
    public string AriaLabel { get; set; } = "Seat map";

    [Parameter]
    public string? CssClass { get; set; }

    [Parameter]
    public string? Style { get; set; }

    private string ViewBox => string.Create(
        CultureInfo.InvariantCulture,
        $"{_bounds.MinX - 2.5} {_bounds.MinY - (DrawStage ? 3.6 : 1.8)} {_bounds.Width + 3.5} {_bounds.Height + (DrawStage ? 4.4 : 2.6)}");

    /// <summary>A section drawn on its own leaves the stage out: at a finger's seat size it would fill the screen.</summary>
    private bool DrawStage => ShowStage && _section is null;

    private double Zoom => ZoomLevels[_zoomStep];

    /// <summary>
    /// The map fills the viewport's width times the zoom, so zooming in makes it scroll. A small hall is not
    /// blown up to the page width: at zoom 1 its seats stay at most about 36 pixels wide.
    /// </summary>
    private string SvgSize => _section is not null ? SectionSvgSize : string.Create(
        CultureInfo.InvariantCulture,
        $"width: {Zoom * 100:0}%; max-width: {(_bounds.Width + 3.5) * 36 * Zoom:0}px; margin: 0 auto;");

    /// <summary>Seats take keyboard focus only when a click on them means something.</summary>
    private bool Focusable => SeatClicked.HasDelegate || SeatPicked.HasDelegate;

    private string? KeyboardHint => Focusable && !InOverview ? L["Use the arrow keys to move between seats."].Value : null;

    /// <summary>
    /// The map's one Tab stop (a roving tabindex): the seat last clicked or focused, else the first seat in
    /// reading order. The script moves it as arrow keys move focus and reports each move (<see cref="OnSeatFocused"/>),
    /// so a re-render writes the same tabindex the browser already has.
    /// </summary>
    private int? TabStop => _activeSeatId is { } id && _wiring.ContainsKey(id) ? id : _firstSeatId;

    protected override void OnParametersSet()
    {
        // Labels, bounds, keyboard moves and handlers depend only on the layout, not on seat states: redo them when the list changes.
        if (!ReferenceEquals(_measuredSeats, Seats) || _measuredFocusable != Focusable)
        {
            (_measuredSeats, _measuredFocusable) = (Seats, Focusable);
            _hallBounds = Seats.Count == 0 ? default : BoundsOf(Seats);
            _shown = SeatsToShow();
            Measure();
            Wire();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAfterRender is { } button)
        {
            _focusAfterRender = null;
            await button.FocusAsync();
        }

        // Keyboard users land on the control that leads back: "All sections" in a section, the section's block in the overview.
        if (_focusAllSections && _allSectionsButton is { } allSections)
        {
            _focusAllSections = false;
            await allSections.FocusAsync();
        }

        if (_focusSectionAfterRender is { } back)
        {
            _focusSectionAfterRender = null;
            if (InOverview && _sectionBlocks.TryGetValue(back, out var block))
            {
                await block.FocusAsync();
            }
        }

        // A new SVG element (the first one, or one drawn again after the hall was empty) needs the script's listeners.
        if (Seats.Count == 0 || (_scriptedSvg is { } scripted && scripted.Id == _svg.Id))
        {
            return;
        }

        _scriptedSvg = _svg;
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/SeatMap/SeatMapView.razor.js");
        _self ??= DotNetObjectReference.Create(this);
        await _module.InvokeVoidAsync("attach", _svg, _viewport, _self, SelectArea.HasDelegate);
    }

    /// <summary>
    /// Events on the map do not redraw it by themselves. A seat's click or key goes to the parent, which redraws
    /// the map when a seat's look changed; zooming asks for its own render. So Tab or a letter pressed on a seat
    /// costs no render of a thousand seats.
    /// </summary>
    Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg) => callback.InvokeAsync(arg);

    /// <summary>Called by the script when a seat receives focus, so the next render keeps the Tab stop on it.</summary>
    [JSInvokable]
    public void OnSeatFocused(int seatId) => _activeSeatId = seatId;

    /// <summary>Called by the script with the dragged rectangle in seat units.</summary>
    [JSInvokable]
    public Task OnAreaSelected(double x1, double y1, double x2, double y2)
    {
        var (left, right) = (Math.Min(x1, x2), Math.Max(x1, x2));
        var (top, bottom) = (Math.Min(y1, y2), Math.Max(y1, y2));
        var inside = Seats.Where(s => s.X + 0.8 >= left && s.X <= right && s.Y + 0.8 >= top && s.Y <= bottom).ToList();
        return inside.Count == 0 ? Task.CompletedTask : SelectArea.InvokeAsync(inside);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; the browser cleans up with the page.
            }
        }

        _self?.Dispose();
    }

    private Task OnSeatClick(SeatView seat, bool adds)
    {
        _activeSeatId = seat.Id;
        return SeatPicked.HasDelegate ? SeatPicked.InvokeAsync(new SeatPick(seat, adds)) : SeatClicked.InvokeAsync(seat);
    }

    /// <summary>Enter or Space toggles the seat; the arrow keys, Home and End are handled in the browser.</summary>
    private Task OnSeatKey(KeyboardEventArgs e, SeatView seat) =>
        e.Key is "Enter" or " " && Focusable ? OnSeatClick(seat, e.ShiftKey || e.CtrlKey || e.MetaKey) : Task.CompletedTask;

    private void ZoomIn() => ZoomTo(_zoomStep + 1);

    private void ZoomOut() => ZoomTo(_zoomStep - 1);

    private void ResetZoom() => ZoomTo(0);

    /// <summary>Called by the script for a pinch or Ctrl+wheel: one zoom step in or out (+1 or -1), within the zoom levels.</summary>
    [JSInvokable]
    public void OnZoomGesture(int direction)
    {
        var step = Math.Clamp(_zoomStep + Math.Sign(direction), 0, ZoomLevels.Length - 1);
        if (step != _zoomStep && !InOverview)
        {
            _zoomStep = step;
            StateHasChanged();
        }
    }

    private void ZoomTo(int step)
    {
        _zoomStep = Math.Clamp(step, 0, ZoomLevels.Length - 1);

        // At either end the button just pressed is disabled and would drop the focus to the page: hand it to the other way.
        _focusAfterRender = _zoomStep == 0 ? _zoomInButton : _zoomStep == ZoomLevels.Length - 1 ? _zoomOutButton : null;
        StateHasChanged();
    }

    private string? TabIndex(SeatView seat, int? tabStop) => !Focusable ? null : seat.Id == tabStop ? "0" : "-1";

    /// <summary>
    /// Each seat's handlers are made once per layout, not per render: a new delegate would give the seat a new
    /// event handler id on every render, and a redraw would resend all of them instead of only the changed seats.
    /// </summary>
    private void Wire()
    {
        var neighbours = Focusable ? new SeatNeighbours(_shown) : null;
        _firstSeatId = neighbours?.First;
        _wiring = _shown.ToDictionary(s => s.Id, s => new SeatWiring(
            e => OnSeatClick(s, e.ShiftKey || e.CtrlKey || e.MetaKey),
            e => OnSeatKey(e, s),
            neighbours is null ? null : Moves(neighbours[s.Id])));
    }

    /// <summary>The seats Left, Right, Up, Down, Home and End lead to, in that order, "-" for none: one attribute instead of six keeps the first render small.</summary>
    private static string Moves(Neighbours n) =>
        string.Create(CultureInfo.InvariantCulture, $"{Id(n.Left)} {Id(n.Right)} {Id(n.Up)} {Id(n.Down)} {n.Home} {n.End}");

    private static string Id(int? seatId) => seatId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "-";

    private void Measure()
    {
        // The overview draws no seats but keeps the whole hall's frame.
        _bounds = _shown.Count > 0 ? BoundsOf(_shown) : _hallBounds;
        _sectionLabels = [.. _shown.GroupBy(s => s.Section).Select(g => new Label(
            g.First().DisplaySection,
            (g.Min(s => s.X) + g.Max(s => s.X) + 0.8) / 2,
            g.Min(s => s.Y) - 0.35))];
        _rowLabels = [.. _shown.GroupBy(s => (s.Section, s.Row)).Select(g =>
        {
            var first = g.MinBy(s => s.X)!;
            return new Label(g.Key.Row, first.X - 0.25, first.Y + 0.62);
        })];
    }

    private static string KindClass(SeatKind kind) => kind switch
    {
        SeatKind.Wheelchair => "wheelchair",
        SeatKind.Companion => "companion",
        _ => string.Empty,
    };

    private static string Coordinate(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private readonly record struct Bounds(double MinX, double MinY, double Width, double Height);

    private readonly record struct Label(string Text, double X, double Y);

    /// <summary>What a seat element carries besides its look: its handlers and, when it takes focus, where its keys lead.</summary>
    private sealed record SeatWiring(Func<MouseEventArgs, Task> Click, Func<KeyboardEventArgs, Task> Key, string? Moves);
}
