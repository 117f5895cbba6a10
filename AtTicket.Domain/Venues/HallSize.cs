namespace AtTicket.Domain.Venues;

/// <summary>How a number of seats measures against <see cref="Hall.SizeOf"/>.</summary>
public enum HallSize
{
    Fits,

    /// <summary>No seats: a hall nobody can sit in sells nothing.</summary>
    Empty,

    /// <summary>More than <see cref="Hall.MaxSeats"/>.</summary>
    TooLarge,
}
