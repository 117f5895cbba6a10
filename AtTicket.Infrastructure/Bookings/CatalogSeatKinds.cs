using System.Runtime.CompilerServices;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// Seat kinds from the catalog's cached hall layout: kinds are hall data, invalidated with the layout on an admin's
/// edit, and no hold changes them, so a cached read is as good as one inside the hold's transaction.
/// </summary>
internal sealed class CatalogSeatKinds(CatalogReader catalog) : ISeatKinds
{
    /// <summary>One lookup per cached layout, made on the first hold and dropped with the layout: not 1,024 entries built per hold.</summary>
    private static readonly ConditionalWeakTable<HallLayout, IReadOnlyDictionary<int, SeatKind>> KindsByLayout = [];

    public async Task<IReadOnlyDictionary<int, SeatKind>> OfPerformanceAsync(int performanceId, CancellationToken cancellationToken)
    {
        var performance = await catalog.GetPerformanceAsync(performanceId, includeUnpublished: true, cancellationToken);
        var layout = performance is null ? null : await catalog.GetHallLayoutAsync(performance.Hall.Id, cancellationToken);
        return layout is null ? new Dictionary<int, SeatKind>() : KindsByLayout.GetValue(layout, l => l.Seats.ToDictionary(s => s.Id, s => s.Kind));
    }
}
