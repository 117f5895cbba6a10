namespace AtTicket.Web.Components.Performances;

/// <summary>
/// Wheelchair spaces and companion seats: named in each seat's accessible name, shown in the legend only
/// when the hall has them, and a wheelchair space is picked only after the buyer confirms what it is.
/// </summary>
public partial class PerformancePage
{
    private IReadOnlySet<SeatKind> _kinds = new HashSet<SeatKind>();

    private bool HasAccessiblePlaces => _kinds.Contains(SeatKind.Wheelchair) || _kinds.Contains(SeatKind.Companion);

    /// <summary>What kind of place a seat is, for its accessible name; null for an ordinary seat.</summary>
    private string? PlaceName(SeatView seat) => seat.Kind switch
    {
        SeatKind.Wheelchair => L["Wheelchair space"].Value,
        SeatKind.Companion => L["Companion seat"].Value,
        _ => null,
    };

    /// <summary>As Interpark and Ticketmaster do: a wheelchair space is kept for a wheelchair user, so picking one asks first.</summary>
    private async Task<bool> ConfirmWheelchairSpaceAsync(SeatView seat)
    {
        return await dialogs.ConfirmAsync(
            L["Wheelchair space"],
            L["{0} is a wheelchair space: a place without a fixed seat, kept for a wheelchair user. Choose it only if you or someone in your party uses a wheelchair; a companion seat is next to it.", Label(seat)],
            yes: L["Choose this space"],
            cancel: L["Cancel"]);
    }
}
