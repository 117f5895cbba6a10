namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// What counts against a member's limits, written once for every path that checks them: the
/// member's live holds of any performance, and the seats of one performance they hold live or have
/// bought. Each count starts from the member's own rows (their holds, their bookings) and reaches
/// the seats through the HoldId and BookingId indexes, so it examines what the member has, not every
/// held or sold seat of the hall (the profile of issue 9 found ~170 rows examined per hold). The sold
/// part names no seat performance of its own: a booking's seats are of its performance, and with
/// `s.PerformanceId = @performance` MariaDB read every sold seat of the performance through
/// IX_PerformanceSeats_PerformanceId_Status_GradeId (ANALYZE: 40 rows to count 2) instead of the
/// booking's own seats through IX_PerformanceSeats_BookingId.
/// Parameters: @member, @performance, @now.
/// </summary>
internal static class HoldingsSql
{
    private const string LiveHold = "h.`MemberId` = @member AND h.`Status` = 'Active' AND h.`ExpiresAt` >= @now";

    /// <summary>Two columns: live holds, then seats of the performance held live or bought.</summary>
    public const string Columns = $"""
          (SELECT COUNT(*) FROM `SeatHolds` h WHERE {LiveHold}),
          (SELECT COUNT(*) FROM `SeatHolds` h JOIN `PerformanceSeats` s ON s.`HoldId` = h.`Id`
              WHERE {LiveHold} AND s.`PerformanceId` = @performance AND s.`Status` = 'Held' AND s.`HeldUntil` >= @now)
          + (SELECT COUNT(*) FROM `Bookings` b JOIN `PerformanceSeats` s ON s.`BookingId` = b.`Id`
              WHERE b.`MemberId` = @member AND b.`PerformanceId` = @performance AND s.`Status` = 'Sold')
        """;
}
