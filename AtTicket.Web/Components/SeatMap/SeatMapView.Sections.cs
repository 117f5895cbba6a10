using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace AtTicket.Web.Components.SeatMap;

/// <summary>
/// On a phone a large hall's seats would be a few pixels wide: the map opens as an overview of its
/// sections instead, one block each with its free seats, and a tapped section is drawn alone, with
/// seats big enough for a finger.
/// </summary>
public partial class SeatMapView
{
    /// <summary>The widest viewport, in CSS pixels, that counts as a phone (the script's media query says so).</summary>
    public const int PhoneWidth = 600;

    /// <summary>The smallest seat, in pixels, a finger can hit reliably (WCAG 2.2 target size minimum).</summary>
    public const double SmallestTarget = 24;

    /// <summary>Pixels per seat width in a section on its own: seats 32 px wide before any zoom.</summary>
    public const double SectionUnitPixels = 40;

    private List<Section> _sections = [];
    private IReadOnlyList<SeatView> _shown = [];
    private string? _section;
    private bool _compact;
    private MudButton? _allSectionsButton;
    private string? _focusSectionAfterRender;
    private bool _focusAllSections;

    /// <summary>Whether a seat can still be bought; given, a large hall opens as sections on a phone, with their free seats.</summary>
    [Parameter]
    public Func<SeatView, bool>? SeatIsFree { get; set; }

    /// <summary>The section drawn on its own, or null for the whole hall (or its overview).</summary>
    public string? ShownSection => _section;

    private bool InOverview => _compact && _section is null;

    /// <summary>
    /// Called by the script with the viewport's width and whether the window is phone-sized. The overview
    /// takes over when the whole hall's seats would be smaller than a finger's target there.
    /// </summary>
    [JSInvokable]
    public void OnViewportMeasured(double width, bool phone)
    {
        var seatPixels = Math.Min(width / (_hallBounds.Width + 3.5), 36) * 0.8;
        var compact = phone && SeatIsFree is not null && _sections.Count > 1 && seatPixels < SmallestTarget;
        if (compact == _compact)
        {
            return;
        }

        _compact = compact;
        _section = null;
        Show(compact ? [] : Seats);
    }

    private void ShowSection(string name)
    {
        _section = name;
        _zoomStep = 0;
        Show([.. Seats.Where(s => s.Section == name)]);
        _focusAllSections = true;
    }

    private void ShowAllSections()
    {
        _focusSectionAfterRender = _section;
        _section = null;
        _zoomStep = 0;
        Show(_compact ? [] : Seats);
    }

    private void Show(IReadOnlyList<SeatView> seats)
    {
        _shown = seats;
        Measure();
        Wire();
        StateHasChanged();
    }

    /// <summary>The seats to draw for the current mode, after the page gave a new list of seats.</summary>
    private IReadOnlyList<SeatView> SeatsToShow()
    {
        _sections = [.. Seats.GroupBy(s => s.Section).Select(g => new Section(g.Key, g.First().DisplaySection, BoundsOf([.. g])))];
        if (_section is not null && _sections.All(s => s.Name != _section))
        {
            _section = null;
        }

        return _section is not null ? [.. Seats.Where(s => s.Section == _section)] : _compact ? [] : Seats;
    }

    private Task OnSectionKey(KeyboardEventArgs e, string name)
    {
        if (e.Key is "Enter" or " ")
        {
            ShowSection(name);
        }

        return Task.CompletedTask;
    }

    private int FreeSeats(Section section) => SeatIsFree is { } free ? Seats.Count(s => s.Section == section.Name && free(s)) : 0;

    private string SectionName(string name, int free) =>
        free == 1 ? L["Section {0}, 1 seat free", name] : L["Section {0}, {1} seats free", name, free];

    /// <summary>In a section on its own the map's width is set in pixels, so its seats keep their size whatever the phone.</summary>
    private string SectionSvgSize => string.Create(
        CultureInfo.InvariantCulture,
        $"width: {(_bounds.Width + 3.5) * SectionUnitPixels * Zoom:0}px; min-width: 100%; margin: 0 auto;");

    private static Bounds BoundsOf(IReadOnlyList<SeatView> seats)
    {
        var minX = seats.Min(s => s.X);
        var minY = seats.Min(s => s.Y);
        return new Bounds(minX, minY, seats.Max(s => s.X) + 0.8 - minX, seats.Max(s => s.Y) + 0.8 - minY);
    }

    /// <param name="Name">The section as the seats store it, which the map keys on.</param>
    /// <param name="DisplayName">The section's name in the reader's language.</param>
    private sealed record Section(string Name, string DisplayName, Bounds Bounds);
}
