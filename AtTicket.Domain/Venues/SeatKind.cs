namespace AtTicket.Domain.Venues;

public enum SeatKind
{
    Normal,
    Wheelchair,
    Companion,
}
