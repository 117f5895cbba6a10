namespace AtTicket.Domain.Bookings;

/// <summary>A seat as it is sold: which one, under which grade, at which price.</summary>
public sealed record BookedSeat(int SeatId, string GradeName, long Price);
