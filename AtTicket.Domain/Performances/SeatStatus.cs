namespace AtTicket.Domain.Performances;

public enum SeatStatus
{
    Available,
    Held,
    Sold,
}
