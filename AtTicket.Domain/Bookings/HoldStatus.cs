namespace AtTicket.Domain.Bookings;

public enum HoldStatus
{
    Active,
    Released,
    Expired,
    Converted,
}
