namespace AtTicket.Domain.Bookings;

public enum BookingStatus
{
    PendingPayment,
    Confirmed,
    Cancelled,
    Refunded,
}
