using System.Globalization;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace AtTicket.Web.Components.SeatMap;

/// <summary>
/// Draws a hall's seats as SVG. The parent decides each seat's look (<see cref="Paint"/>) and what a
/// click or a dragged rectangle means; this component only draws and reports.
/// </summary>
public partial class SeatMapView
{
    private ElementReference _svg;
    private IJSObjectReference? _module;
    private DotNetObjectReference<SeatMapView>? _self;
    private Bounds _bounds;
    private List<Label> _sectionLabels = [];
    private List<Label> _rowLabels = [];
    private IReadOnlyList<SeatView>? _measuredSeats;

    [Parameter, EditorRequired]
    public IReadOnlyList<SeatView> Seats { get; set; } = [];

    [Parameter, EditorRequired]
    public Func<SeatView, SeatPaint> Paint { get; set; } = default!;

    [Parameter]
    public EventCallback<SeatView> SeatClicked { get; set; }

    /// <summary>When set, dragging on the map selects every seat inside the rectangle.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<SeatView>> SelectArea { get; set; }

    [Parameter]
    public bool ShowStage { get; set; } = true;

    [Parameter]
    public string AriaLabel { get; set; } = "Seat map";

    [Parameter]
    public string? CssClass { get; set; }

    [Parameter]
    public string? Style { get; set; }

    private string ViewBox => string.Create(
        CultureInfo.InvariantCulture,
        $"{_bounds.MinX - 2.5} {_bounds.MinY - (ShowStage ? 3.6 : 1.8)} {_bounds.Width + 3.5} {_bounds.Height + (ShowStage ? 4.4 : 2.6)}");

    /// <summary>A small hall is not blown up to the page width: seats stay at most about 36 pixels wide.</summary>
    private string SizeLimit => string.Create(CultureInfo.InvariantCulture, $"max-width: {(_bounds.Width + 3.5) * 36:0}px; margin: 0 auto;");

    protected override void OnParametersSet()
    {
        // Labels and bounds depend only on the layout, not on seat states: recompute when the list changes.
        if (!ReferenceEquals(_measuredSeats, Seats))
        {
            _measuredSeats = Seats;
            Measure();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (SelectArea.HasDelegate && _module is null && Seats.Count > 0)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/SeatMap/SeatMapView.razor.js");
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("enableAreaSelection", _svg, _self);
        }
    }

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

    private Task OnSeatKey(KeyboardEventArgs e, SeatView seat) =>
        e.Key is "Enter" or " " && SeatClicked.HasDelegate ? SeatClicked.InvokeAsync(seat) : Task.CompletedTask;

    private void Measure()
    {
        if (Seats.Count == 0)
        {
            _bounds = default;
            _sectionLabels = [];
            _rowLabels = [];
            return;
        }

        var minX = Seats.Min(s => s.X);
        var minY = Seats.Min(s => s.Y);
        _bounds = new Bounds(minX, minY, Seats.Max(s => s.X) + 0.8 - minX, Seats.Max(s => s.Y) + 0.8 - minY);
        _sectionLabels = [.. Seats.GroupBy(s => s.Section).Select(g => new Label(
            g.Key,
            (g.Min(s => s.X) + g.Max(s => s.X) + 0.8) / 2,
            g.Min(s => s.Y) - 0.35))];
        _rowLabels = [.. Seats.GroupBy(s => (s.Section, s.Row)).Select(g =>
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

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private readonly record struct Bounds(double MinX, double MinY, double Width, double Height);

    private readonly record struct Label(string Text, double X, double Y);
}
