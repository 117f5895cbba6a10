using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Bookings;

/// <summary>
/// A companion seat is for the person who comes with a wheelchair user, so it is held together with a wheelchair
/// space: a hold has at most as many companion seats as wheelchair spaces. The rule reads only the kinds of the
/// seats asked for (hall data, which no other hold changes), so parallel holds cannot get around it.
/// </summary>
public static class CompanionSeatRule
{
    public const string Name = "companion-seat-with-wheelchair-space";

    public const string Reason = "A companion seat is held together with a wheelchair space: choose a wheelchair space for each companion seat.";

    public static bool IsKeptBy(IEnumerable<SeatKind> kinds)
    {
        var wheelchair = 0;
        var companion = 0;
        foreach (var kind in kinds)
        {
            wheelchair += kind == SeatKind.Wheelchair ? 1 : 0;
            companion += kind == SeatKind.Companion ? 1 : 0;
        }

        return companion <= wheelchair;
    }
}
