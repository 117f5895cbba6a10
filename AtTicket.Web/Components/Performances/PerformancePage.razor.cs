using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Identity;
using AtTicket.Web.Components.SeatMap;
using AtTicket.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AtTicket.Web.Components.Performances;

/// <summary>A performance's seat map, coloured by grade, with taken seats greyed out.</summary>
public partial class PerformancePage
{
    private PerformanceView? _performance;
    private HallLayout? _layout;
    private IReadOnlyList<SeatView> _seats = [];
    private Dictionary<int, SeatState> _states = [];
    private Dictionary<int, GradeView> _grades = [];
    private IReadOnlyList<GradeAvailability> _remaining = [];

    [Parameter]
    public int Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private CatalogReader Catalog { get; set; } = default!;

    [Inject]
    private SeatAvailabilityReader Availability { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;


    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new(L["Browse"], "/products"),
        new(_performance!.ProductTitle, $"/products/{_performance.ProductId}"),
        new(L["Seats"], null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _performance = await Catalog.GetPerformanceAsync(Id, includeUnpublished: user.IsInRole(Roles.Admin));
        _layout = _performance is null ? null : await Catalog.GetHallLayoutAsync(_performance.Hall.Id);
        if (_performance is null || _layout is null)
        {
            Navigation.NotFound();
            return;
        }

        _states = (await Availability.GetSeatStatesAsync(Id)).ToDictionary(s => s.SeatId);
        _seats = [.. _layout.Seats.Where(s => _states.ContainsKey(s.Id))];
        _grades = _performance.Grades.ToDictionary(g => g.Id);
        _remaining = await Availability.GetRemainingAsync(Id);
    }

    private SeatPaint PaintSeat(SeatView seat)
    {
        var state = _states[seat.Id];
        var grade = state.GradeId is { } gradeId ? _grades.GetValueOrDefault(gradeId) : null;
        var status = state.Status switch
        {
            SeatStatus.Available => L["available"],
            SeatStatus.Held => L["held"],
            _ => L["sold"],
        };
        var label = grade is null
            ? L["Section {0}, row {1}, seat {2}, {3}", seat.Section, seat.Row, seat.Number, status]
            : L["Section {0}, row {1}, seat {2}, {3}, {4}, {5}", seat.Section, seat.Row, seat.Number, grade.Name, Formats.Krw(grade.Price), status];
        var css = state.Status switch
        {
            SeatStatus.Held => "held",
            SeatStatus.Sold => "sold",
            _ => null,
        };
        return new SeatPaint(grade?.Color ?? "#bdbdbd", css, label);
    }
}
