using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Bookings;

/// <summary>The kinds of a performance's seats: its hall's seat map, which only an admin's layout edit changes.</summary>
public interface ISeatKinds
{
    /// <summary>Seat id to kind; empty when the performance is unknown (the inventory then refuses the hold).</summary>
    Task<IReadOnlyDictionary<int, SeatKind>> OfPerformanceAsync(int performanceId, CancellationToken cancellationToken);
}
