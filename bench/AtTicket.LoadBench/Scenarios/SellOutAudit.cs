using MySqlConnector;

namespace AtTicket.LoadBench.Scenarios;

/// <summary>
/// What the database says after a sell-out, read back with plain SQL (independent of the app's code).
/// Every "must be 0" counter is 0 and <see cref="NetCaptured"/> equals <see cref="ConfirmedTotal"/>
/// when nothing went wrong.
/// </summary>
public sealed record SellOutAudit(
    int SeatsSold,
    int SeatsHeld,
    int SeatsAvailable,
    int ConfirmedBookings,
    int TicketsOfConfirmedBookings,
    int SeatsSoldTwice,
    int SeatsSoldWithoutConfirmedBooking,
    int ConfirmedBookingsMissingSeats,
    int ChargesWithoutBooking,
    int CheckoutsLeftPending,
    long Captured,
    long Refunded,
    long NetCaptured,
    long ConfirmedTotal)
{
    /// <summary>The sentences of everything that does not add up; empty when all is well.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Expect(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Expect(SeatsSoldTwice == 0, $"{SeatsSoldTwice} seats are sold to more than one confirmed booking.");
        Expect(SeatsSoldWithoutConfirmedBooking == 0, $"{SeatsSoldWithoutConfirmedBooking} seats are sold without a confirmed booking holding their ticket.");
        Expect(ConfirmedBookingsMissingSeats == 0, $"{ConfirmedBookingsMissingSeats} confirmed bookings do not own all their seats.");
        Expect(ChargesWithoutBooking == 0, $"{ChargesWithoutBooking} charges were taken for checkouts that neither booked nor refunded.");
        Expect(CheckoutsLeftPending == 0, $"{CheckoutsLeftPending} checkouts were left pending.");
        Expect(NetCaptured == ConfirmedTotal, $"Net captured {NetCaptured:N0} won differs from the confirmed bookings' total {ConfirmedTotal:N0} won.");
        Expect(TicketsOfConfirmedBookings == SeatsSold, $"{SeatsSold} seats are sold but confirmed bookings hold {TicketsOfConfirmedBookings} tickets.");
        return problems;
    }

    public static async Task<SellOutAudit> ReadAsync(string connectionString, int performanceId)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(Sql, connection);
        command.Parameters.AddWithValue("@p", performanceId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        int Int(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        long Long(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        return new SellOutAudit(Int(0), Int(1), Int(2), Int(3), Int(4), Int(5), Int(6), Int(7), Int(8), Int(9), Long(10), Long(11), Long(10) - Long(11), Long(12));
    }

    // Enums are stored by name (AtTicketDbContext.ConfigureConventions). A charge is a booking with a
    // payment reference; its refund went through when RefundedAt is set.
    private const string Sql =
        """
        SELECT
            (SELECT COUNT(*) FROM PerformanceSeats WHERE PerformanceId = @p AND Status = 'Sold'),
            (SELECT COUNT(*) FROM PerformanceSeats WHERE PerformanceId = @p AND Status = 'Held'),
            (SELECT COUNT(*) FROM PerformanceSeats WHERE PerformanceId = @p AND Status = 'Available'),
            (SELECT COUNT(*) FROM Bookings WHERE PerformanceId = @p AND Status = 'Confirmed'),
            (SELECT COUNT(*) FROM Tickets t JOIN Bookings b ON b.Id = t.BookingId WHERE b.PerformanceId = @p AND b.Status = 'Confirmed'),
            (SELECT COUNT(*) FROM (
                SELECT t.SeatId FROM Tickets t JOIN Bookings b ON b.Id = t.BookingId
                WHERE b.PerformanceId = @p AND b.Status = 'Confirmed' GROUP BY t.SeatId HAVING COUNT(*) > 1) twice),
            (SELECT COUNT(*) FROM PerformanceSeats s WHERE s.PerformanceId = @p AND s.Status = 'Sold' AND NOT EXISTS (
                SELECT 1 FROM Bookings b JOIN Tickets t ON t.BookingId = b.Id
                WHERE b.Id = s.BookingId AND b.Status = 'Confirmed' AND t.SeatId = s.SeatId)),
            (SELECT COUNT(DISTINCT b.Id) FROM Bookings b JOIN Tickets t ON t.BookingId = b.Id
                LEFT JOIN PerformanceSeats s ON s.PerformanceId = b.PerformanceId AND s.SeatId = t.SeatId
                WHERE b.PerformanceId = @p AND b.Status = 'Confirmed'
                  AND (s.Status IS NULL OR s.Status <> 'Sold' OR s.BookingId IS NULL OR s.BookingId <> b.Id)),
            (SELECT COUNT(*) FROM Bookings WHERE PerformanceId = @p AND PaymentReference IS NOT NULL AND Status <> 'Confirmed' AND RefundedAt IS NULL),
            (SELECT COUNT(*) FROM Bookings WHERE PerformanceId = @p AND Status = 'PendingPayment'),
            (SELECT SUM(TotalAmount) FROM Bookings WHERE PerformanceId = @p AND PaymentReference IS NOT NULL),
            (SELECT SUM(TotalAmount) FROM Bookings WHERE PerformanceId = @p AND PaymentReference IS NOT NULL AND RefundedAt IS NOT NULL),
            (SELECT SUM(TotalAmount) FROM Bookings WHERE PerformanceId = @p AND Status = 'Confirmed')
        """;
}
