using AtTicket.Web.Components.SeatMap;

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>The painting surface shared by scheduling and editing; the rules live in <see cref="GradePainter"/>.</summary>
public partial class GradePainterPanel
{
    private const string UnassignedFill = "#bdbdbd";
    private string? _notice;
    private string _seatFormat = "{0} {1}-{2}";
    private string _noGrade = string.Empty;

    [Parameter, EditorRequired]
    public GradePainter Painter { get; set; } = default!;

    /// <summary>Raised after every change, so the page can update its counts and buttons.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    protected override void OnInitialized()
    {
        // Looked up once: the map asks for a label for every seat on every render.
        _seatFormat = L["{0} row {1} seat {2}"];
        _noGrade = L["no grade"];
    }

    private string BrushHint => Painter.Brush is { } brush ? L["Painting with {0}", brush.Name] : L["Erasing grades"];

    private SeatPaint PaintSeat(SeatView seat)
    {
        var grade = Painter.GradeOf(seat.Id);
        var locked = Painter.LockOf(seat.Id);
        var label = $"{SeatName(seat)}: {grade?.Name ?? _noGrade}";
        if (locked is not null)
        {
            label += $" ({LockText(locked.Value)})";
        }

        return new SeatPaint(grade?.Color ?? UnassignedFill, locked is not null ? "locked" : grade is null ? "unmapped" : null, label);
    }

    private Task OnSeatClicked(SeatView seat)
    {
        if (Painter.LockOf(seat.Id) is { } status)
        {
            _notice = L["{0} is {1}, so its grade cannot change.", SeatName(seat), LockText(status)];
            return Changed.InvokeAsync();
        }

        return Report(Painter.Click(seat));
    }

    private Task OnAreaSelected(IReadOnlyList<SeatView> seats) => Report(Painter.Paint(seats));

    private Task FillUnassigned() => Report(Painter.PaintUnassigned());

    private Task ChangeTool(PaintTool tool)
    {
        Painter.Tool = tool;
        return Changed.InvokeAsync();
    }

    private Task Warn(string message)
    {
        _notice = message;
        return Changed.InvokeAsync();
    }

    private Task Report(PaintResult result)
    {
        _notice = result.Locked.Count switch
        {
            0 => null,
            1 => L["{0} is {1}, so its grade cannot change.", SeatName(result.Locked[0]), LockText(Painter.LockOf(result.Locked[0].Id) ?? SeatStatus.Sold)].Value,
            var n => L["{0} held or sold seats kept their grade.", n].Value,
        };
        return Changed.InvokeAsync();
    }

    private string SeatName(SeatView seat) => string.Format(System.Globalization.CultureInfo.CurrentCulture, _seatFormat, seat.Section, seat.Row, seat.Number);

    private string LockText(SeatStatus status) => status == SeatStatus.Held ? L["held by a customer"] : L["already sold"];
}
